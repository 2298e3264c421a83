package dev.hearth.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hearth.error.HearthException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Throttles password guessing, per login and per client address: after {@link #FREE_FAILURES}
 * consecutive failures each check waits longer (doubling, at most 2 s), and after
 * {@link #LOCK_AFTER} the login or address gets 429 until {@link #COOL_DOWN} has passed since its
 * last failure. Tokens are never throttled here, so locking a login out does not lock out its
 * owner's tokens; a success clears both counters.
 */
public final class PasswordGuard {
    static final int FREE_FAILURES = 3;
    static final int LOCK_AFTER = 10;
    static final Duration COOL_DOWN = Duration.ofMinutes(5);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private final Clock clock;
    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .expireAfterWrite(COOL_DOWN)
            .maximumSize(100_000)
            .build();

    private record Failures(int count, Instant last) {}

    public PasswordGuard(Clock clock) {
        this.clock = clock;
    }

    /** Refuses (429) a locked login or address; otherwise waits as long as the failures so far call for. */
    public void beforeCheck(String login, String address) {
        int worst = 0;
        for (String key : keys(login, address)) {
            Failures f = failures.getIfPresent(key);
            if (f == null) continue;
            Duration since = Duration.between(f.last(), clock.instant());
            if (f.count() >= LOCK_AFTER && since.compareTo(COOL_DOWN) < 0) {
                throw HearthException.tooManyRequests("Too many failed sign-ins for this login or from this address; "
                        + "wait, or use a token", COOL_DOWN.minus(since));
            }
            worst = Math.max(worst, f.count());
        }
        if (worst >= FREE_FAILURES) {
            long millis = Math.min(MAX_DELAY.toMillis(), 100L << Math.min(10, worst - FREE_FAILURES));
            try {
                Thread.sleep(millis); // a deliberate cost per guess, on a virtual thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void failed(String login, String address) {
        for (String key : keys(login, address)) {
            failures.asMap().merge(key, new Failures(1, clock.instant()),
                    (old, one) -> new Failures(old.count() + 1, clock.instant()));
        }
    }

    public void succeeded(String login, String address) {
        for (String key : keys(login, address)) failures.invalidate(key);
    }

    private static String[] keys(String login, String address) {
        String l = "login:" + login.toLowerCase(Locale.ROOT);
        return address == null ? new String[] {l} : new String[] {l, "address:" + address};
    }
}
