package dev.hearth.accounts;

import java.time.Instant;
import java.util.Set;

/** A personal access token as stored: everything but the secret, which only its holder knows. */
public record AccessToken(long id, long userId, String name, Set<Scope> scopes, String tokenLastEight,
                          Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
