package dev.hearth.ui;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hearth.accounts.AccountService;
import dev.hearth.accounts.Principal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Browser sessions as signed tokens (HS256 JWTs, Nimbus JOSE+JWT), so any node that shares the
 * data directory's key can serve them and nothing is stored per session. A session has a random
 * id (also for visitors who have not signed in, so the sign-in form has a CSRF token), the user
 * once signed in, an idle expiry pushed forward as the user is active, and an absolute end.
 *
 * <p>The CSRF token of a session is an HMAC of its id under a key derived from the session key:
 * it cannot be guessed from outside and changes when the session does (at sign-in).
 */
public final class Sessions {
    static final Duration IDLE = Duration.ofHours(2);
    static final Duration ABSOLUTE = Duration.ofDays(7);
    /** A token younger than this is not re-issued on every request. */
    static final Duration REFRESH_AFTER = Duration.ofMinutes(5);
    private static final String AUTH_TIME = "auth_time"; // seconds, as OpenID Connect has it
    private static final String AUTH_MS = "auth_ms"; // the same to the millisecond, compared with the user's sessions_valid_after
    private static final String LOGIN = "login";

    private final byte[] key;
    private final byte[] csrfKey;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final AccountService accounts;
    private final Clock clock;
    private final SecureRandom random;

    /** A verified session; {@code userId} is empty for a visitor who has not signed in. */
    record Session(String id, Optional<Long> userId, Instant started, Instant issued) {
        boolean signedIn() {
            return userId.isPresent();
        }
    }

    Sessions(SessionKey key, AccountService accounts, Clock clock, SecureRandom random) {
        this.key = key.bytes().clone();
        this.csrfKey = hmac(this.key, "hearth csrf key");
        this.accounts = accounts;
        this.clock = clock;
        this.random = random;
        try {
            this.signer = new MACSigner(this.key);
            this.verifier = new MACVerifier(this.key);
        } catch (JOSEException e) {
            throw new IllegalStateException("the session key must have 256 bits", e);
        }
    }

    /** A fresh session for a visitor, or for a user who has just signed in (a new id either way). */
    Session start(Optional<Long> userId) {
        byte[] id = new byte[18];
        random.nextBytes(id);
        Instant now = clock.instant();
        return new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(id), userId, now, now);
    }

    /** The same session with its idle expiry moved forward from now. */
    Session touched(Session s) {
        return new Session(s.id(), s.userId(), s.started(), clock.instant());
    }

    boolean wantsRefresh(Session s) {
        return Duration.between(s.issued(), clock.instant()).compareTo(REFRESH_AFTER) >= 0;
    }

    /** The token for a cookie. */
    String sign(Session s) {
        Instant end = s.issued().plus(IDLE);
        Instant absolute = s.started().plus(ABSOLUTE);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(s.id())
                .issueTime(Date.from(s.issued()))
                .expirationTime(Date.from(end.isBefore(absolute) ? end : absolute))
                .claim(AUTH_TIME, s.started().getEpochSecond())
                .claim(AUTH_MS, s.started().toEpochMilli());
        s.userId().ifPresent(id -> claims.subject(Long.toString(id)));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a session", e);
        }
        return jwt.serialize();
    }

    /** A token's session if its signature holds and it has not expired (idle or absolute). */
    Optional<Session> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) return Optional.empty();
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) return Optional.empty();
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (c.getJWTID() == null || c.getIssueTime() == null || c.getExpirationTime() == null) return Optional.empty();
            Long authTime = c.getLongClaim(AUTH_TIME);
            if (authTime == null) return Optional.empty();
            Long authMs = c.getLongClaim(AUTH_MS);
            Instant started = authMs != null && authMs / 1000 == authTime ? Instant.ofEpochMilli(authMs) : Instant.ofEpochSecond(authTime);
            if (!now.isBefore(c.getExpirationTime().toInstant()) || !now.isBefore(started.plus(ABSOLUTE))) {
                return Optional.empty();
            }
            Optional<Long> user = c.getSubject() == null ? Optional.empty() : Optional.of(Long.parseLong(c.getSubject()));
            return Optional.of(new Session(c.getJWTID(), user, started, c.getIssueTime().toInstant()));
        } catch (ParseException | JOSEException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The signed-in user of a session, if the account still exists, the session was not signed
     * out and the user's sessions were not ended since this one started (a password change,
     * "sign out everywhere"). The principal names the session, so a WebSocket that rode in on it
     * can ask again later whether it still counts.
     */
    Optional<Principal> principal(Session s) {
        return s.userId().flatMap(id -> accounts.sessionUser(id, s.id(), s.started()))
                .map(user -> Principal.bySession(user, s.id(), s.started(), s.started().plus(ABSOLUTE)));
    }

    /** Signs a session out for good: a copy of its cookie no longer counts either. */
    void end(Session s) {
        s.userId().flatMap(accounts::find).ifPresent(user -> accounts.endSession(user, s.id(), s.started().plus(ABSOLUTE)));
    }

    /** The CSRF token that forms of this session carry. */
    String csrf(Session s) {
        return HexFormat.of().formatHex(hmac(csrfKey, "csrf:" + s.id()));
    }

    /** Compares in constant time. */
    boolean csrfMatches(Session s, String given) {
        if (given == null) return false;
        return MessageDigest.isEqual(csrf(s).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
