package dev.hearth.accounts;

import dev.hearth.storage.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The HMAC keys that sign OAuth access tokens, shared by every node through the database (each
 * secret sealed by the data directory's {@link SecretBox}). The newest key signs; a key older
 * than {@link #ROTATION} is replaced by a new one, and kept for verifying until every token it
 * signed has expired, so rotating never signs anyone out. A token names its key in the JWS
 * {@code kid} header.
 */
public final class SigningKeys {
    /** How long one key signs new tokens. */
    static final Duration ROTATION = Duration.ofDays(1);
    /** How often an unknown key id may send us to the database: another node may have rotated. */
    private static final Duration RELOAD_PAUSE = Duration.ofSeconds(5);

    /** A signing key: its id, its 256-bit secret, and when it began to sign. */
    record Key(String kid, byte[] secret, Instant createdAt) {}

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration maxTokenTtl;
    private volatile List<Key> keys = List.of(); // newest first
    private volatile Instant loadedAt = Instant.MIN;

    public SigningKeys(Jdbi jdbi, SecretBox box, Clock clock, SecureRandom random, Duration maxTokenTtl) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
        this.random = random;
        this.maxTokenTtl = maxTokenTtl;
    }

    /** The key that signs now, rotated first if the newest one has signed long enough. */
    Key current() {
        Instant now = clock.instant();
        List<Key> known = keys;
        if (!known.isEmpty() && signs(known.getFirst(), now)) return known.getFirst();
        synchronized (this) {
            reload(now);
            if (!keys.isEmpty() && signs(keys.getFirst(), now)) return keys.getFirst();
            rotate(now);
            return keys.getFirst();
        }
    }

    /** The key with this id, while tokens it signed may still be alive. */
    Optional<Key> find(String kid) {
        Instant now = clock.instant();
        Optional<Key> found = lookup(kid, now);
        if (found.isPresent()) return found;
        synchronized (this) {
            if (loadedAt.plus(RELOAD_PAUSE).isBefore(now)) reload(now);
        }
        return lookup(kid, now);
    }

    private Optional<Key> lookup(String kid, Instant now) {
        return keys.stream()
                .filter(k -> k.kid().equals(kid) && k.createdAt().plus(ROTATION).plus(maxTokenTtl).isAfter(now))
                .findFirst();
    }

    private static boolean signs(Key key, Instant now) {
        return key.createdAt().plus(ROTATION).isAfter(now);
    }

    private void rotate(Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] id = new byte[8];
        random.nextBytes(id);
        String kid = HexFormat.of().formatHex(id);
        Instant expired = now.minus(ROTATION).minus(maxTokenTtl);
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO signing_keys (kid, secret, created_at) VALUES (:kid, :secret, :now)")
                    .bind("kid", kid)
                    .bind("secret", box.seal(Base64.getEncoder().encodeToString(secret)))
                    .bind("now", now.toEpochMilli())
                    .execute();
            h.createUpdate("DELETE FROM signing_keys WHERE created_at < :expired")
                    .bind("expired", expired.toEpochMilli())
                    .execute();
        });
        reload(now);
    }

    private void reload(Instant now) {
        keys = jdbi.withHandle(h -> h.createQuery("SELECT kid, secret, created_at FROM signing_keys")
                        .map((rs, ctx) -> new Key(rs.getString("kid"),
                                Base64.getDecoder().decode(box.open(rs.getString("secret"))),
                                Instant.ofEpochMilli(rs.getLong("created_at"))))
                        .list())
                .stream()
                .sorted(Comparator.comparing(Key::createdAt).reversed())
                .toList();
        loadedAt = now;
    }
}
