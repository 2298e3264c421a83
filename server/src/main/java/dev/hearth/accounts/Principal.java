package dev.hearth.accounts;

import dev.hearth.web.Caller;
import java.util.Set;

/**
 * An authenticated caller: the user and what the credential allows. A password allows every
 * scope; a token allows the scopes it was created with.
 */
public record Principal(User user, Set<Scope> scopes, Method method) implements Caller {

    /**
     * How the caller proved who they are: a password, a personal access token, an SSH key, or an
     * OAuth access token (a signed JWT from the client credentials grant).
     */
    public enum Method { PASSWORD, TOKEN, SSH_KEY, OAUTH }

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public static Principal byPassword(User user) {
        return new Principal(user, Scope.all(), Method.PASSWORD);
    }

    /**
     * A user proven by one of their SSH keys: as good as the password, and only ever seen by git
     * over SSH, which asks for nothing else.
     */
    public static Principal bySshKey(User user) {
        return new Principal(user, Scope.all(), Method.SSH_KEY);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** A site admin acting as one: the user is an admin and the credential carries site_admin. */
    public boolean actsAsSiteAdmin() {
        return user.siteAdmin() && has(Scope.SITE_ADMIN);
    }

    public long userId() {
        return user.id();
    }

    @Override
    public long id() {
        return user.id();
    }

    @Override
    public String login() {
        return user.login();
    }
}
