package dev.hearth.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.hearth.activity.Activity;
import dev.hearth.activity.ActivityLog;
import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * OAuth2 for machines (RFC 6749 §4.4, client credentials): users register clients; a client
 * trades its id and secret for an access token, a JWT signed with HS256 by {@link SigningKeys},
 * valid for the configured lifetime and carrying the user and the scopes. Tokens are checked by
 * signature and expiry, then against the database, so deleting a client ends its tokens at once.
 */
public final class OAuthService {
    public static final String CLIENT_ID_PREFIX = "hthc_";
    public static final String SECRET_PREFIX = "hths_";
    private static final String ISSUER = "hearth";

    private final Jdbi jdbi;
    private final LastUsed lastUsed;
    private final AccountService accounts;
    private final SigningKeys keys;
    private final AuditLog audit;
    private final ActivityLog activity;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration tokenTtl;
    private final OAuthClientDao clients = new OAuthClientDao();

    public OAuthService(Jdbi jdbi, AccountService accounts, SigningKeys keys, AuditLog audit, ActivityLog activity,
                        Clock clock, SecureRandom random, Duration tokenTtl) {
        this.jdbi = jdbi;
        this.lastUsed = new LastUsed(jdbi);
        this.accounts = accounts;
        this.keys = keys;
        this.audit = audit;
        this.activity = activity;
        this.clock = clock;
        this.random = random;
        this.tokenTtl = tokenTtl;
    }

    /** A new client and its secret, which is not kept anywhere. */
    public record Created(OAuthClient client, String secret) {}

    /** What the token endpoint hands out. */
    public record IssuedToken(String accessToken, Duration expiresIn, Set<Scope> scopes) {}

    public Created create(User owner, String name, Set<Scope> scopes) {
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw HearthException.invalid("name", "must be 1 to 100 printable characters");
        }
        String clientId = CLIENT_ID_PREFIX + randomText(15);
        String secret = SECRET_PREFIX + randomText(32);
        Instant now = clock.instant();
        long id = jdbi.inTransaction(h -> {
            long clientRow = clients.insert(h, owner.id(), name.strip(), clientId, TokenService.sha256(secret), scopes, now);
            audit.record(h, "oauth_client.created", owner.login(), Map.of("client_id", clientId, "name", name.strip(),
                    "scopes", Scope.wires(scopes)));
            return clientRow;
        });
        return new Created(new OAuthClient(id, owner.id(), name.strip(), clientId, scopes, now, null), secret);
    }

    public List<OAuthClient> list(User owner) {
        return jdbi.withHandle(h -> clients.byUser(h, owner.id()));
    }

    /** Deletes a client; every access token it was given stops working at once. */
    public boolean delete(User owner, long id) {
        return jdbi.inTransaction(h -> {
            Optional<OAuthClient> deleted = clients.delete(h, owner.id(), id);
            deleted.ifPresent(c -> {
                audit.record(h, "oauth_client.deleted", owner.login(), Map.of("client_id", c.clientId()));
                activity.append(h, new Activity.OAuthClientDeleted(AccountService.subject(owner), AccountService.actor(owner),
                        c.clientId()));
            });
            return deleted.isPresent();
        });
    }

    /**
     * The client credentials grant: checks the client's secret and the requested scopes (all of
     * the client's when none are asked for) and signs an access token.
     */
    public IssuedToken issue(String clientId, String secret, String requestedScope) {
        OAuthClient client = authenticateClient(clientId, secret).orElseThrow(() -> {
            audit.recordRepeated("auth.failed", clientId == null ? "(client)" : clientId, Map.of("method", "oauth_client"));
            return new OAuthError(OAuthError.Code.INVALID_CLIENT, "Unknown client or wrong client secret");
        });
        Set<Scope> scopes = requestedScope == null || requestedScope.isBlank()
                ? client.scopes() : requested(requestedScope, client.scopes());
        User user = accounts.find(client.userId())
                .orElseThrow(() -> new OAuthError(OAuthError.Code.INVALID_CLIENT, "The client's user is gone"));
        Instant now = clock.instant();
        SigningKeys.Key key = keys.current();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(user.id()))
                .claim("login", user.login())
                .claim("client_id", client.clientId())
                .claim("scope", wire(scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(tokenTtl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(key.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 with a 256-bit key always signs", e);
        }
        touch(client, now);
        return new IssuedToken(jwt.serialize(), tokenTtl, scopes);
    }

    /** Whether a bearer credential has the shape of a JWT (three base64url parts), so it is ours to check. */
    public static boolean looksLikeJwt(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    /**
     * The caller an access token stands for: right algorithm, a key we know, a good signature,
     * not expired, and a client and a user that still exist. Empty for anything else.
     */
    public Optional<Principal> authenticate(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            return Optional.empty();
        }
        Optional<SigningKeys.Key> key = keys.find(jwt.getHeader().getKeyID());
        if (key.isEmpty() || !verifies(jwt, key.get())) return Optional.empty();
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.isBefore(expires.toInstant()) || !ISSUER.equals(claims.getIssuer())) {
            return Optional.empty();
        }
        Object clientId = claims.getClaim("client_id");
        Object scope = claims.getClaim("scope");
        if (!(clientId instanceof String id) || !(scope instanceof String granted)) return Optional.empty();
        Optional<OAuthClient> client = jdbi.withHandle(h -> clients.byClientId(h, id)).map(OAuthClientDao.WithHash::client)
                .filter(c -> Long.toString(c.userId()).equals(claims.getSubject()));
        if (client.isEmpty()) return Optional.empty();
        touch(client.get(), now);
        Set<Scope> scopes = Scope.split(granted, " ");
        scopes.retainAll(client.get().scopes());
        return accounts.find(client.get().userId()).map(user -> new Principal(user, scopes, Principal.Method.OAUTH,
                new Principal.Credential.OAuth(id, expires.toInstant())));
    }

    /** Whether the client {@code clientId} still exists and belongs to the user. */
    boolean clientExists(long userId, String clientId) {
        return jdbi.withHandle(h -> clients.byClientId(h, clientId)).filter(c -> c.client().userId() == userId).isPresent();
    }

    private static boolean verifies(SignedJWT jwt, SigningKeys.Key key) {
        try {
            return jwt.verify(new MACVerifier(key.secret()));
        } catch (JOSEException e) {
            return false;
        }
    }

    private Optional<OAuthClient> authenticateClient(String clientId, String secret) {
        if (clientId == null || secret == null) return Optional.empty();
        String hash = TokenService.sha256(secret);
        return jdbi.withHandle(h -> clients.byClientId(h, clientId))
                .filter(found -> MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                        found.hash().getBytes(StandardCharsets.US_ASCII)))
                .map(OAuthClientDao.WithHash::client);
    }

    private static Set<Scope> requested(String requestedScope, Set<Scope> allowed) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : requestedScope.strip().split(" +")) {
            Scope scope;
            try {
                scope = Scope.parse(s);
            } catch (HearthException e) {
                throw new OAuthError(OAuthError.Code.INVALID_SCOPE, "Unknown scope '" + s + "'");
            }
            if (!allowed.contains(scope)) {
                throw new OAuthError(OAuthError.Code.INVALID_SCOPE, "The client may not ask for scope '" + s + "'");
            }
            scopes.add(scope);
        }
        return scopes;
    }

    private void touch(OAuthClient client, Instant now) {
        lastUsed.touch("oauth client " + client.id(), client.lastUsedAt(), now, h -> clients.touch(h, client.id(), now));
    }

    static String wire(Set<Scope> scopes) {
        return Scope.join(scopes, " ");
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
