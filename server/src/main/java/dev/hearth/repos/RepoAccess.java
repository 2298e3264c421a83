package dev.hearth.repos;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.Scope;
import java.util.Optional;

/**
 * The one authorization rule for repositories, used by the API and every git transport alike.
 * Pure: the caller's collaborator grant is looked up before.
 */
public final class RepoAccess {
    private RepoAccess() {}

    public static Permission level(Optional<Principal> caller, Repository repo, Optional<Permission> grant) {
        Permission publicLevel = repo.isPrivate() ? Permission.NONE : Permission.READ;
        if (caller.isEmpty()) return publicLevel;
        Principal p = caller.get();
        Permission level;
        if (p.userId() == repo.ownerId() || p.actsAsSiteAdmin()) {
            level = Permission.ADMIN;
        } else {
            level = grant.filter(g -> g.compareTo(publicLevel) > 0).orElse(publicLevel);
        }
        // A token is capped by its scopes: 'repo' is everything the user may do, 'read:repo'
        // reading only, and with neither it sees what an anonymous visitor sees.
        if (p.has(Scope.REPO)) return level;
        if (p.has(Scope.READ_REPO)) return Permission.min(level, Permission.READ);
        return Permission.min(level, publicLevel);
    }
}
