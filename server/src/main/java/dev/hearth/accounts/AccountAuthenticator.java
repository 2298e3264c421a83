package dev.hearth.accounts;

import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import dev.hearth.web.Authenticator;
import dev.hearth.web.Credentials;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * Turns credentials into a {@link Principal}: Basic with a password, Basic with a token as the
 * password (or as the login, as GitHub allows), or a bearer token — a personal access token or an
 * OAuth access token (a JWT). Every failure reads the same, except that a bad OAuth access token
 * is answered with RFC 6750's {@code invalid_token}, so its client knows to fetch a new one.
 *
 * <p>Guessing is throttled per client address: passwords by {@link PasswordGuard}, tokens of
 * every kind by {@link TokenGuard}. Failures go to the audit log aggregated per address and
 * minute ({@link AuditLog#recordRepeated}), with the login tried (never the secret).
 */
public final class AccountAuthenticator implements Authenticator<Principal> {
    /** Logins git users put beside an OAuth access token, as GitHub ({@code x-access-token}) and GitLab do. */
    private static final Set<String> OAUTH_BASIC_LOGINS = Set.of("x-access-token", "oauth2");
    private final AccountService accounts;
    private final TokenService tokens;
    private final AuditLog audit;
    private final PasswordGuard guard;
    private final TokenGuard tokenGuard;
    private final OAuthService oauth;

    public AccountAuthenticator(AccountService accounts, TokenService tokens, OAuthService oauth, AuditLog audit,
                                PasswordGuard guard, TokenGuard tokenGuard) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.oauth = oauth;
        this.audit = audit;
        this.guard = guard;
        this.tokenGuard = tokenGuard;
    }

    @Override
    public Principal authenticate(Credentials credentials) {
        boolean jwt = switch (credentials) {
            case Credentials.Token t -> OAuthService.looksLikeJwt(t.token());
            case Credentials.Basic b -> OAuthService.looksLikeJwt(b.secret());
        };
        String address = MDC.get(AuditLog.MDC_REMOTE);
        // The token presented, for any credential that is not a password.
        String token = switch (credentials) {
            case Credentials.Token t -> t.token();
            case Credentials.Basic b when jwt || b.secret().startsWith(TokenService.PREFIX) -> b.secret();
            case Credentials.Basic b when b.login().startsWith(TokenService.PREFIX)
                    && (b.secret().isEmpty() || b.secret().equals("x-oauth-basic")) -> b.login();
            case Credentials.Basic b -> null;
        };
        if (token != null) tokenGuard.beforeCheck(address, token);
        Optional<Principal> principal = switch (credentials) {
            case Credentials.Token t when jwt -> oauth.authenticate(t.token());
            case Credentials.Basic b when jwt -> oauth.authenticate(b.secret()).filter(p -> p.login().equalsIgnoreCase(b.login())
                    || OAUTH_BASIC_LOGINS.contains(b.login()));
            case Credentials.Token t -> tokens.authenticate(t.token());
            case Credentials.Basic b when b.secret().startsWith(TokenService.PREFIX) ->
                    tokens.authenticate(b.secret()).filter(p -> p.login().equalsIgnoreCase(b.login()));
            case Credentials.Basic b when b.login().startsWith(TokenService.PREFIX)
                    && (b.secret().isEmpty() || b.secret().equals("x-oauth-basic")) -> tokens.authenticate(b.login());
            case Credentials.Basic b -> checkPassword(b, address);
        };
        if (token != null) {
            if (principal.isPresent()) tokenGuard.succeeded(address, token);
            else tokenGuard.failed(address);
        }
        if (principal.isEmpty()) {
            // Who was tried and how, never the secret.
            String target = credentials instanceof Credentials.Basic b && !b.login().startsWith(TokenService.PREFIX)
                    ? b.login() : "(token)";
            audit.recordRepeated("auth.failed", target, Map.of("method", jwt ? "oauth"
                    : credentials instanceof Credentials.Basic ? "basic" : "token"));
            if (jwt) throw HearthException.invalidToken("The access token is invalid or expired; fetch a new one from /oauth/token");
            throw HearthException.unauthenticated("Bad credentials");
        }
        return principal.get();
    }

    /** A password check, throttled per login and per client address (see {@link PasswordGuard}). */
    private Optional<Principal> checkPassword(Credentials.Basic b, String address) {
        guard.beforeCheck(b.login(), address);
        Optional<User> user = accounts.checkPassword(b.login(), b.secret());
        if (user.isPresent()) guard.succeeded(b.login(), address);
        else guard.failed(b.login(), address);
        return user.map(accounts::passwordProven);
    }
}
