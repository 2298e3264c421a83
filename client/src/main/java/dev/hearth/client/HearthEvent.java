package dev.hearth.client;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One event of the live stream: its place in the server's one ordered stream ({@code id}),
 * GitHub's event name ({@code push}, {@code create}, {@code delete}, {@code repository},
 * {@code member}) and GitHub's webhook payload for it.
 */
public record HearthEvent(long id, String event, Instant createdAt, String repository, JsonNode payload) {

    /** The payload's {@code action} ({@code created}, {@code renamed}, ...), or null. */
    public String action() {
        JsonNode a = payload == null ? null : payload.get("action");
        return a == null || a.isNull() ? null : a.asString();
    }
}
