package dev.hearth.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Failures per key (a client address) within a sliding window: once {@code limit} fall inside
 * {@code window}, the key is refused until the oldest of them leaves it. What the password and
 * token guards count addresses with.
 */
final class FailureWindow {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    /** The times of a key's recent failures, oldest first, at most {@link #limit}. */
    private final Cache<String, Deque<Instant>> failures;

    FailureWindow(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** How long {@code key} is still refused for, if it has reached the limit. */
    Optional<Duration> refusedFor(String key) {
        Deque<Instant> recent = failures.getIfPresent(key);
        if (recent == null) return Optional.empty();
        Instant now = clock.instant();
        synchronized (recent) {
            prune(recent, now);
            return recent.size() >= limit ? Optional.of(window.minus(Duration.between(recent.peekFirst(), now)))
                    : Optional.empty();
        }
    }

    void failed(String key) {
        Instant now = clock.instant();
        Deque<Instant> recent = failures.asMap().compute(key, (k, d) -> d == null ? new ArrayDeque<>() : d);
        synchronized (recent) {
            prune(recent, now);
            recent.addLast(now);
            while (recent.size() > limit) recent.removeFirst();
        }
        failures.put(key, recent); // restarts the entry's expiry
    }

    private void prune(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && Duration.between(recent.peekFirst(), now).compareTo(window) >= 0) recent.removeFirst();
    }
}
