package dev.hearth.accounts;

import java.time.Clock;
import java.time.Instant;

/**
 * "Does the credential this caller rode in on still count, now?": asked again by whatever outlives
 * the request that proved it (a live WebSocket), when the user's credentials change and before it
 * sends. A token counts until revoked or expired, an OAuth access token until its client is
 * deleted or it expires, a password until it changes, a browser session until it is signed out,
 * the user's sessions are ended or it reaches its absolute end. Reads the database; callers cache.
 */
public final class CredentialCheck {
    private final AccountService accounts;
    private final TokenService tokens;
    private final OAuthService oauth;
    private final Clock clock;

    public CredentialCheck(AccountService accounts, TokenService tokens, OAuthService oauth, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.oauth = oauth;
        this.clock = clock;
    }

    public boolean stillValid(Principal p) {
        Instant now = clock.instant();
        if (p.credential().expiresAt().filter(end -> !now.isBefore(end)).isPresent()) return false;
        return switch (p.credential()) {
            case Principal.Credential.Request r -> true;
            case Principal.Credential.Password pw -> accounts.passwordUnchangedSince(p.userId(), pw.provenAt());
            case Principal.Credential.Token t -> tokens.live(p.userId(), t.id());
            case Principal.Credential.OAuth o -> oauth.clientExists(p.userId(), o.clientId());
            case Principal.Credential.Session s -> accounts.sessionUser(p.userId(), s.id(), s.started()).isPresent();
        };
    }

    /** The clock credentials expire by (the test clock in tests). */
    public Clock clock() {
        return clock;
    }
}
