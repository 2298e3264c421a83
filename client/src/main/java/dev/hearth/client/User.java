package dev.hearth.client;

import java.time.Instant;

/** A user; {@code email} only when the caller is that user or a site admin. */
public record User(String login, long id, String type, boolean siteAdmin, String email, String url, String htmlUrl,
                   Instant createdAt, Instant updatedAt) {}
