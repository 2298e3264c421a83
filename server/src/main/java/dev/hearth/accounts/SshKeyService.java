package dev.hearth.accounts;

import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import dev.hearth.storage.Database;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Users' SSH public keys: registration, listing, removal, and the one question the SSH server
 * asks, whose key this is. A key belongs to at most one user, across all users.
 */
public final class SshKeyService {
    static final int MAX_TITLE = 100;
    static final String IN_USE = "key is already in use";

    private final Jdbi jdbi;
    private final AccountService accounts;
    private final Clock clock;
    private final SshKeyDao keys = new SshKeyDao();
    private final AuditLog audit;

    public SshKeyService(Jdbi jdbi, AccountService accounts, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** One page of a user's keys and how many there are. */
    public record Page(List<SshKey> keys, long total) {}

    /** Registers a key; 422 for bad key text or a title, and for a key anyone has already registered. */
    public SshKey add(User user, String title, String keyText) {
        SshPublicKey key = SshPublicKey.parse(keyText);
        String validTitle = validTitle(title == null || title.isBlank() ? key.comment() : title.strip());
        try {
            return jdbi.inTransaction(h -> {
                // GitHub's answer, 422 rather than 409: a key is a value that must be unique, not a resource.
                if (keys.fingerprintTaken(h, key.fingerprint())) throw HearthException.invalid("key", IN_USE);
                long id = keys.insert(h, user.id(), validTitle, key, clock.instant());
                audit.record(h, "key.created", user.login(), java.util.Map.of("key_id", id, "title", validTitle,
                        "fingerprint", key.fingerprint()));
                return keys.byId(h, user.id(), id).orElseThrow();
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) throw HearthException.invalid("key", IN_USE);
            throw e;
        }
    }

    public Page list(User user, int limit, long offset) {
        return jdbi.withHandle(h -> new Page(keys.byUser(h, user.id(), limit, offset), keys.countByUser(h, user.id())));
    }

    public Optional<SshKey> find(User user, long id) {
        return jdbi.withHandle(h -> keys.byId(h, user.id(), id));
    }

    public boolean delete(User user, long id) {
        return jdbi.inTransaction(h -> {
            boolean deleted = keys.delete(h, user.id(), id);
            if (deleted) audit.record(h, "key.deleted", user.login(), java.util.Map.of("key_id", id));
            return deleted;
        });
    }

    /**
     * The user who registered this key, if anyone did. The fingerprint finds the row, and the
     * whole key must match it, so the fingerprint is only an index, never the proof.
     */
    public Optional<User> ownerOf(PublicKey offered) {
        Optional<String> fingerprint = SshPublicKey.fingerprintOf(offered);
        if (fingerprint.isEmpty()) return Optional.empty();
        String text = SshPublicKey.textOf(offered);
        return jdbi.withHandle(h -> keys.byFingerprint(h, fingerprint.get()))
                .filter(k -> k.key().equals(text))
                .flatMap(k -> accounts.find(k.userId()));
    }

    private static String validTitle(String title) {
        if (title.length() > MAX_TITLE || title.chars().anyMatch(Character::isISOControl)) {
            throw HearthException.invalid("title", "must be at most " + MAX_TITLE + " printable characters");
        }
        return title;
    }
}
