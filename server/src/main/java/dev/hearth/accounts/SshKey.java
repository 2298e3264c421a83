package dev.hearth.accounts;

import java.time.Instant;

/** An SSH public key registered by a user; {@code key} is the normalized {@code "type base64"}. */
public record SshKey(long id, long userId, String title, String key, String fingerprint, Instant createdAt) {}
