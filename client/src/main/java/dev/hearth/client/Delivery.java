package dev.hearth.client;

import java.time.Instant;

/**
 * One payload sent (or still to be sent) to a hook. {@code status} is {@code OK},
 * {@code pending}, {@code retrying} or {@code failed}; {@code duration} in seconds.
 */
public record Delivery(long id, String guid, Instant deliveredAt, boolean redelivery, Double duration, String status,
                       Integer statusCode, String event, String action, long repositoryId, int attempts) {}
