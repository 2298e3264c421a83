package dev.hearth.accounts;

import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import dev.hearth.web.Authenticator;
import dev.hearth.web.Credentials;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Turns credentials into a {@link Principal}: Basic with a password, Basic with a token as the
 * password (or as the login, as GitHub allows), or a bearer token. Every failure reads the same.
 */
public final class AccountAuthenticator implements Authenticator<Principal> {
    private final AccountService accounts;
    private final TokenService tokens;
    private final AuditLog audit;
    private final PasswordGuard guard;

    public AccountAuthenticator(AccountService accounts, TokenService tokens, AuditLog audit, PasswordGuard guard) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.guard = guard;
    }

    @Override
    public Principal authenticate(Credentials credentials) {
        Optional<Principal> principal = switch (credentials) {
            case Credentials.Token t -> tokens.authenticate(t.token());
            case Credentials.Basic b when b.secret().startsWith(TokenService.PREFIX) ->
                    tokens.authenticate(b.secret()).filter(p -> p.login().equalsIgnoreCase(b.login()));
            case Credentials.Basic b when b.login().startsWith(TokenService.PREFIX)
                    && (b.secret().isEmpty() || b.secret().equals("x-oauth-basic")) -> tokens.authenticate(b.login());
            case Credentials.Basic b -> checkPassword(b);
        };
        if (principal.isEmpty()) {
            // Who was tried and how, never the secret.
            String target = credentials instanceof Credentials.Basic b && !b.login().startsWith(TokenService.PREFIX)
                    ? b.login() : "(token)";
            audit.record("auth.failed", target, Map.of("method", credentials instanceof Credentials.Basic ? "basic" : "token"));
            throw HearthException.unauthenticated("Bad credentials");
        }
        return principal.get();
    }

    /** A password check, throttled per login and per client address (see {@link PasswordGuard}). */
    private Optional<Principal> checkPassword(Credentials.Basic b) {
        String address = MDC.get(AuditLog.MDC_REMOTE);
        guard.beforeCheck(b.login(), address);
        Optional<User> user = accounts.checkPassword(b.login(), b.secret());
        if (user.isPresent()) guard.succeeded(b.login(), address);
        else guard.failed(b.login(), address);
        return user.map(Principal::byPassword);
    }
}
