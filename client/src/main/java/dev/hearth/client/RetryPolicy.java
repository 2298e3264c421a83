package dev.hearth.client;

import java.time.Duration;

/**
 * When an idempotent call (GET, PUT, DELETE) answered 429 or 503 is tried again: up to
 * {@code maxAttempts} in all, after the server's {@code Retry-After} or else an exponential
 * backoff from {@code initialBackoff} capped at {@code maxBackoff}. A server that asks for a
 * wait longer than {@code maxRetryAfter} (an exhausted hourly rate limit) is not waited for: the
 * call fails at once with a {@link ProblemException} that carries the wait.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be 1 or more");
    }

    /** The backoff before attempt {@code attempt + 1} when the server named no wait. */
    Duration backoff(int attempt) {
        Duration d = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
