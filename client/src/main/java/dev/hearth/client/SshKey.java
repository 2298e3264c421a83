package dev.hearth.client;

import java.time.Instant;

/** A public SSH key of the caller; {@code fingerprint} is the SHA256 one ssh-keygen shows. */
public record SshKey(long id, String key, String url, String title, String fingerprint, Instant createdAt,
                     boolean verified, boolean readOnly) {}
