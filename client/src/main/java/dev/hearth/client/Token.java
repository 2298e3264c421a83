package dev.hearth.client;

import java.time.Instant;
import java.util.List;

/**
 * A personal access token. {@code token}, the secret itself, is only in the answer that
 * created it; afterwards only its last eight characters are shown.
 */
public record Token(long id, String name, List<String> scopes, String token, String tokenLastEight,
                    Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}
