package dev.hearth.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hearth.error.HearthException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.http.Context;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * API rate limits (Bucket4j token buckets, refilled evenly over an hour): per user when
 * authenticated, per client address otherwise. Every API answer says where the caller stands in
 * GitHub's headers; past the limit, 429 with {@code Retry-After}. Git traffic is not counted here.
 */
public final class RateLimiter {
    private final long authenticatedPerHour;
    private final long anonymousPerHour;
    private final Clock clock;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(200_000)
            .build();

    public RateLimiter(long authenticatedPerHour, long anonymousPerHour, Clock clock) {
        this.authenticatedPerHour = authenticatedPerHour;
        this.anonymousPerHour = anonymousPerHour;
        this.clock = clock;
        // Buckets refill on Hearth's clock, the same one tokens expire on.
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Where a caller stands: GitHub's {@code rate} object. */
    public record State(long limit, long remaining, long reset, long used, String resource) {}

    void consume(Context ctx) {
        if (!ctx.path().startsWith("/api/") || ctx.path().equals("/api/v3/rate_limit") || ctx.method().name().equals("OPTIONS")) {
            return;
        }
        long limit = limitFor(ctx);
        ConsumptionProbe probe = bucketFor(ctx, limit).tryConsumeAndReturnRemaining(1);
        long reset = clock.instant().plusNanos(probe.getNanosToWaitForReset()).getEpochSecond();
        ctx.header("X-RateLimit-Limit", Long.toString(limit));
        ctx.header("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        ctx.header("X-RateLimit-Used", Long.toString(limit - probe.getRemainingTokens()));
        ctx.header("X-RateLimit-Reset", Long.toString(reset));
        ctx.header("X-RateLimit-Resource", "core");
        if (!probe.isConsumed()) {
            throw HearthException.tooManyRequests("API rate limit exceeded for "
                    + (Authentication.callerId(ctx).isPresent() ? "this user" : "this address (authenticate for a higher limit)"),
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** The caller's state without spending anything, for {@code GET /rate_limit}. */
    public State state(Context ctx) {
        long limit = limitFor(ctx);
        Bucket bucket = bucketFor(ctx, limit);
        long remaining = bucket.getAvailableTokens();
        long reset = clock.instant().plus(Duration.ofHours(1).multipliedBy(limit - remaining).dividedBy(Math.max(1, limit)))
                .getEpochSecond();
        return new State(limit, remaining, reset, limit - remaining, "core");
    }

    private long limitFor(Context ctx) {
        return Authentication.callerId(ctx).isPresent() ? authenticatedPerHour : anonymousPerHour;
    }

    private Bucket bucketFor(Context ctx, long limit) {
        String key = Authentication.callerId(ctx).map(id -> "user:" + id).orElseGet(() -> "ip:" + ctx.ip());
        return buckets.get(key, k -> Bucket.builder()
                .withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofHours(1)).build())
                .build());
    }
}
