package dev.hearth.accounts;

import dev.hearth.web.Caller;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated caller: the user, what the credential allows, and which credential it was.
 * A password allows every scope; a token allows the scopes it was created with. The credential
 * is what something long-lived (a WebSocket) asks {@link CredentialCheck} about again later.
 */
public record Principal(User user, Set<Scope> scopes, Method method, Credential credential) implements Caller {

    /**
     * How the caller proved who they are: a password, a personal access token, an SSH key, or an
     * OAuth access token (a signed JWT from the client credentials grant).
     */
    public enum Method { PASSWORD, TOKEN, SSH_KEY, OAUTH }

    /**
     * The credential a principal rode in on, as much of it as saying later "does it still count?"
     * needs: never a secret.
     */
    public sealed interface Credential {
        /** When it stops counting by itself, if ever. */
        default Optional<Instant> expiresAt() {
            return Optional.empty();
        }

        /** Checked for one request only, so nothing outlives it to be checked again (SSH commands, tests). */
        record Request() implements Credential {}

        /** A password proven at {@code provenAt}: counts until the password changes. */
        record Password(Instant provenAt) implements Credential {}

        /** A personal access token: counts until it is revoked or expires. */
        record Token(long id, Instant expiry) implements Credential {
            @Override
            public Optional<Instant> expiresAt() {
                return Optional.ofNullable(expiry);
            }
        }

        /** An OAuth access token of a client: counts until the client is deleted or the token expires. */
        record OAuth(String clientId, Instant expiry) implements Credential {
            @Override
            public Optional<Instant> expiresAt() {
                return Optional.of(expiry);
            }
        }

        /**
         * A browser session (its id and start): counts until it is signed out, the user's sessions
         * are ended (sign out everywhere, a new password) or it reaches its absolute end.
         */
        record Session(String id, Instant started, Instant end) implements Credential {
            @Override
            public Optional<Instant> expiresAt() {
                return Optional.of(end);
            }
        }
    }

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    /** A caller checked for this request only ({@link Credential.Request}). */
    public Principal(User user, Set<Scope> scopes, Method method) {
        this(user, scopes, method, new Credential.Request());
    }

    /** A password checked for this request only. */
    public static Principal byPassword(User user) {
        return new Principal(user, Scope.all(), Method.PASSWORD);
    }

    /** A password proven at {@code provenAt}, which stops counting when the password changes. */
    public static Principal byPassword(User user, Instant provenAt) {
        return new Principal(user, Scope.all(), Method.PASSWORD, new Credential.Password(provenAt));
    }

    /** A browser session's user: as good as the password, while the session counts. */
    public static Principal bySession(User user, String sessionId, Instant started, Instant end) {
        return new Principal(user, Scope.all(), Method.PASSWORD, new Credential.Session(sessionId, started, end));
    }

    /** The same caller and credential with other scopes. */
    public Principal withScopes(Set<Scope> other) {
        return new Principal(user, other, method, credential);
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
