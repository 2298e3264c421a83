package dev.hearth.repos;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.User;

/**
 * Someone as grant sources see them: a user, and whether they act as a site admin (a user who is
 * one, on a credential carrying {@code site_admin}). Scopes are not here: the policy caps them after.
 */
public record Grantee(long userId, boolean siteAdmin) {
    public static Grantee of(Principal p) {
        return new Grantee(p.userId(), p.actsAsSiteAdmin());
    }

    /** The user as their own password would act: for answering what another user may do. */
    public static Grantee of(User u) {
        return new Grantee(u.id(), u.siteAdmin());
    }
}
