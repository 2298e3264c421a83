package dev.hearth.accounts;

import java.time.Instant;
import java.util.Set;

/**
 * A machine's OAuth2 client, owned by a user: it trades its id and secret for short-lived access
 * tokens that act as that user, limited to the client's scopes.
 */
public record OAuthClient(long id, long userId, String name, String clientId, Set<Scope> scopes,
                          Instant createdAt, Instant lastUsedAt) {
    public OAuthClient {
        scopes = Set.copyOf(scopes);
    }
}
