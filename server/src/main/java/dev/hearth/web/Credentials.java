package dev.hearth.web;

import dev.hearth.error.HearthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** What a client presented in its {@code Authorization} header, before anyone checked it. */
public sealed interface Credentials {

    /** HTTP Basic: a login with a password or a token as the password. */
    record Basic(String login, String secret) implements Credentials {
        @Override
        public String toString() {
            return "Basic[" + login + "]";
        }
    }

    /** {@code Authorization: Bearer <token>} or GitHub's {@code Authorization: token <token>}. */
    record Token(String token) implements Credentials {
        @Override
        public String toString() {
            return "Token[…]";
        }
    }

    /** Parses a header; an absent header is empty, a garbled one is a 401. */
    static Optional<Credentials> parse(String header) {
        if (header == null || header.isBlank()) return Optional.empty();
        int space = header.indexOf(' ');
        if (space <= 0) throw HearthException.unauthenticated("Malformed Authorization header");
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String value = header.substring(space + 1).strip();
        return Optional.of(switch (scheme) {
            case "basic" -> basic(value);
            case "bearer", "token" -> {
                if (value.isEmpty()) throw HearthException.unauthenticated("Empty token");
                yield new Token(value);
            }
            default -> throw HearthException.unauthenticated(
                    "Unsupported authorization scheme; use Basic, Bearer or token");
        });
    }

    private static Credentials basic(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HearthException.unauthenticated("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) throw HearthException.unauthenticated("Malformed Basic credentials");
        return new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
