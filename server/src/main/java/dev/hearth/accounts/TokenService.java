package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import dev.hearth.activity.Activity;
import dev.hearth.activity.ActivityLog;
import dev.hearth.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Personal access tokens: {@code hth_} and 43 random characters. The secret is shown once at
 * creation; the database keeps its SHA-256, compared in constant time.
 */
public final class TokenService {
    public static final String PREFIX = "hth_";

    private final Jdbi jdbi;
    private final AccountService accounts;
    private final Clock clock;
    private final SecureRandom random;
    private final TokenDao tokens = new TokenDao();
    private final AuditLog audit;
    private final ActivityLog activity;
    private final LastUsed lastUsed;

    public TokenService(Jdbi jdbi, AccountService accounts, AuditLog audit, ActivityLog activity, Clock clock,
                        SecureRandom random) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.activity = activity;
        this.accounts = accounts;
        this.clock = clock;
        this.random = random;
        this.lastUsed = new LastUsed(jdbi);
    }

    /** A new token and its secret, which is not kept anywhere. */
    public record Created(AccessToken token, String secret) {}

    public Created create(User user, String name, Set<Scope> scopes, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw HearthException.invalid("name", "must be 1 to 100 printable characters");
        }
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw HearthException.invalid("expires_at", "must be in the future");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String lastEight = secret.substring(secret.length() - 8);
        long id = jdbi.inTransaction(h -> {
            long tokenId = tokens.insert(h, user.id(), name.strip(), sha256(secret), lastEight, scopes, now, expiresAt);
            audit.record(h, "token.created", user.login(), java.util.Map.of("token_id", tokenId, "name", name.strip(),
                    "scopes", Scope.wires(scopes)));
            return tokenId;
        });
        AccessToken token = jdbi.withHandle(h -> tokens.byUser(h, user.id())).stream()
                .filter(t -> t.id() == id).findFirst().orElseThrow();
        return new Created(token, secret);
    }

    public List<AccessToken> list(User user) {
        return jdbi.withHandle(h -> tokens.byUser(h, user.id()));
    }

    public boolean revoke(User user, long id) {
        return jdbi.inTransaction(h -> {
            boolean revoked = tokens.delete(h, user.id(), id);
            if (revoked) {
                audit.record(h, "token.revoked", user.login(), java.util.Map.of("token_id", id));
                activity.append(h, new Activity.TokenRevoked(AccountService.subject(user), AccountService.actor(user), id));
            }
            return revoked;
        });
    }

    /** The caller this secret stands for, if it is a live token: only reads (the last-used time is best-effort, see {@link LastUsed}). */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) return Optional.empty();
        String hash = sha256(secret);
        Optional<TokenDao.WithHash> found = jdbi.withHandle(h -> tokens.byHash(h, hash));
        if (found.isEmpty()) return Optional.empty();
        if (!MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                found.get().hash().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        AccessToken token = found.get().token();
        Instant now = clock.instant();
        if (token.isExpired(now)) return Optional.empty();
        lastUsed.touch("token " + token.id(), token.lastUsedAt(), now, h -> tokens.touch(h, token.id(), now));
        return accounts.find(token.userId()).map(user -> new Principal(user, token.scopes(), Principal.Method.TOKEN,
                new Principal.Credential.Token(token.id(), token.expiresAt())));
    }

    /** Whether token {@code id} of the user still exists and has not expired. */
    boolean live(long userId, long id) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> tokens.byId(h, id)).filter(t -> t.userId() == userId && !t.isExpired(now)).isPresent();
    }

    static String sha256(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
