package dev.hearth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for SSH public keys. Takes the handle (and so the transaction) its caller holds. */
final class SshKeyDao {
    private static final String COLUMNS = "id, user_id, title, public_key, fingerprint, created_at";

    long insert(Handle h, long userId, String title, SshPublicKey key, Instant now) {
        return h.createUpdate("""
                INSERT INTO ssh_keys (user_id, title, public_key, fingerprint, created_at)
                VALUES (:user, :title, :key, :fingerprint, :now)""")
                .bind("user", userId)
                .bind("title", title)
                .bind("key", key.text())
                .bind("fingerprint", key.fingerprint())
                .bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    Optional<SshKey> byId(Handle h, long userId, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM ssh_keys WHERE user_id = :user AND id = :id")
                .bind("user", userId)
                .bind("id", id)
                .map((rs, ctx) -> key(rs))
                .findOne();
    }

    Optional<SshKey> byFingerprint(Handle h, String fingerprint) {
        return h.createQuery("SELECT " + COLUMNS + " FROM ssh_keys WHERE fingerprint = :fp")
                .bind("fp", fingerprint)
                .map((rs, ctx) -> key(rs))
                .findOne();
    }

    boolean fingerprintTaken(Handle h, String fingerprint) {
        return h.createQuery("SELECT COUNT(*) FROM ssh_keys WHERE fingerprint = :fp")
                .bind("fp", fingerprint)
                .mapTo(Long.class)
                .one() > 0;
    }

    List<SshKey> byUser(Handle h, long userId, int limit, long offset) {
        return h.createQuery("SELECT " + COLUMNS + " FROM ssh_keys WHERE user_id = :user ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("user", userId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> key(rs))
                .list();
    }

    long countByUser(Handle h, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM ssh_keys WHERE user_id = :user")
                .bind("user", userId)
                .mapTo(Long.class)
                .one();
    }

    boolean delete(Handle h, long userId, long id) {
        return h.createUpdate("DELETE FROM ssh_keys WHERE user_id = :user AND id = :id")
                .bind("user", userId)
                .bind("id", id)
                .execute() > 0;
    }

    private static SshKey key(ResultSet rs) throws SQLException {
        return new SshKey(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("public_key"),
                rs.getString("fingerprint"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
