package dev.hearth.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How the client proves who it is, on every request and on the event stream's upgrade:
 * {@link #basic HTTP Basic} (a password or a token as the password), a
 * {@link #token personal access token} sent as {@code Bearer}, or
 * {@link #clientCredentials OAuth2 client credentials} that fetch and renew a token themselves.
 */
public abstract sealed class Auth permits Auth.None, Auth.Basic, Auth.Token, ClientCredentials {

    Auth() {}

    /** No credentials: only public repositories and profiles. */
    public static Auth none() {
        return new None();
    }

    public static Auth basic(String login, String password) {
        return new Basic(login, password);
    }

    public static Auth token(String token) {
        return new Token(token);
    }

    /**
     * OAuth2 client credentials (RFC 6749 §4.4) against the server's {@code /oauth/token}.
     * {@code scope} may be null for the client's default scopes.
     */
    public static ClientCredentials clientCredentials(String clientId, String clientSecret, String scope) {
        return new ClientCredentials(clientId, clientSecret, scope);
    }

    /** The {@code Authorization} header for the next request, if any. */
    abstract Optional<String> authorization(Transport transport);

    /**
     * The server answered 401 to a request sent with {@code used}: forget that credential if a
     * fresh one can be had. True when the request is worth one more try.
     */
    boolean renew(String used) {
        return false;
    }

    static final class None extends Auth {
        @Override
        Optional<String> authorization(Transport transport) {
            return Optional.empty();
        }
    }

    static final class Basic extends Auth {
        private final String header;

        Basic(String login, String password) {
            this.header = "Basic " + Base64.getEncoder()
                    .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        Optional<String> authorization(Transport transport) {
            return Optional.of(header);
        }
    }

    static final class Token extends Auth {
        private final String header;

        Token(String token) {
            if (token == null || token.isBlank()) throw new IllegalArgumentException("token must not be blank");
            this.header = "Bearer " + token.strip();
        }

        @Override
        Optional<String> authorization(Transport transport) {
            return Optional.of(header);
        }
    }
}
