package dev.hearth.events;

import java.time.Instant;

/** One payload on its way to one hook, through however many attempts it takes. */
public record Delivery(long id, long hookId, long repoId, String guid, String event, String action, String payload,
                       boolean redelivery, String status, int attempts, Instant nextAttemptAt, Integer statusCode,
                       Long durationMs, Instant deliveredAt, Instant createdAt) {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
}
