package dev.hearth.events;

import java.time.Instant;
import java.util.List;

/** A repository's webhook. The secret stays sealed (see {@code SecretBox}) until a delivery signs with it. */
public record Hook(long id, long repoId, String url, String contentType, String sealedSecret, boolean insecureSsl,
                   List<String> events, boolean active, Instant createdAt, Instant updatedAt) {

    /** Whether this hook wants an event of GitHub's name {@code event}. */
    public boolean wants(String event) {
        return active && (events.contains("*") || events.contains(event));
    }
}
