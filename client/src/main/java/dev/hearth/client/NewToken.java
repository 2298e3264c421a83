package dev.hearth.client;

import java.time.Instant;
import java.util.List;

/**
 * A token to create: a name, its scopes ({@code repo}, {@code read:repo}, {@code delete_repo},
 * {@code admin:repo_hook}, {@code admin:public_key}, {@code site_admin}) and an optional expiry.
 */
public record NewToken(String name, List<String> scopes, Instant expiresAt) {
    public NewToken(String name, List<String> scopes) {
        this(name, scopes, null);
    }
}
