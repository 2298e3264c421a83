package dev.hearth.client;

import java.time.Instant;
import java.util.List;

/** A repository webhook; the secret is never shown, only whether there is one ({@code "********"}). */
public record Hook(String type, long id, String name, boolean active, List<String> events, Config config,
                   Instant updatedAt, Instant createdAt, String url, String pingUrl, String deliveriesUrl) {

    /** GitHub's hook config; {@code insecureSsl} is "0" or "1". */
    public record Config(String url, String contentType, String insecureSsl, String secret) {}
}
