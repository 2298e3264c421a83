package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import dev.hearth.web.Authenticator;
import dev.hearth.web.Credentials;
import java.util.Optional;

/**
 * Turns credentials into a {@link Principal}: Basic with a password, Basic with a token as the
 * password (or as the login, as GitHub allows), or a bearer token. Every failure reads the same.
 */
public final class AccountAuthenticator implements Authenticator<Principal> {
    private final AccountService accounts;
    private final TokenService tokens;

    public AccountAuthenticator(AccountService accounts, TokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Override
    public Principal authenticate(Credentials credentials) {
        Optional<Principal> principal = switch (credentials) {
            case Credentials.Token t -> tokens.authenticate(t.token());
            case Credentials.Basic b when b.secret().startsWith(TokenService.PREFIX) ->
                    tokens.authenticate(b.secret()).filter(p -> p.login().equalsIgnoreCase(b.login()));
            case Credentials.Basic b when b.login().startsWith(TokenService.PREFIX)
                    && (b.secret().isEmpty() || b.secret().equals("x-oauth-basic")) -> tokens.authenticate(b.login());
            case Credentials.Basic b -> accounts.checkPassword(b.login(), b.secret()).map(Principal::byPassword);
        };
        return principal.orElseThrow(() -> HearthException.unauthenticated("Bad credentials"));
    }
}
