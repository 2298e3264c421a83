package dev.hearth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for personal access tokens; only the SHA-256 of a secret is ever stored. */
final class TokenDao {
    private static final String COLUMNS =
            "id, user_id, name, token_hash, token_last_eight, scopes, created_at, expires_at, last_used_at";

    record WithHash(AccessToken token, String hash) {}

    long insert(Handle h, long userId, String name, String hash, String lastEight, Set<Scope> scopes,
                Instant now, Instant expiresAt) {
        return h.createUpdate("""
                INSERT INTO access_tokens (user_id, name, token_hash, token_last_eight, scopes, created_at, expires_at)
                VALUES (:user, :name, :hash, :last, :scopes, :now, :expires)""")
                .bind("user", userId)
                .bind("name", name)
                .bind("hash", hash)
                .bind("last", lastEight)
                .bind("scopes", Scope.join(scopes, ","))
                .bind("now", now.toEpochMilli())
                .bind("expires", expiresAt == null ? null : expiresAt.toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    Optional<WithHash> byHash(Handle h, String hash) {
        return h.createQuery("SELECT " + COLUMNS + " FROM access_tokens WHERE token_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> new WithHash(token(rs), rs.getString("token_hash")))
                .findOne();
    }

    Optional<AccessToken> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM access_tokens WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> token(rs))
                .findOne();
    }

    List<AccessToken> byUser(Handle h, long userId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM access_tokens WHERE user_id = :user ORDER BY id")
                .bind("user", userId)
                .map((rs, ctx) -> token(rs))
                .list();
    }

    boolean delete(Handle h, long userId, long id) {
        return h.createUpdate("DELETE FROM access_tokens WHERE user_id = :user AND id = :id")
                .bind("user", userId)
                .bind("id", id)
                .execute() > 0;
    }

    void touch(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE access_tokens SET last_used_at = :now WHERE id = :id")
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute();
    }

    private static AccessToken token(ResultSet rs) throws SQLException {
        Set<Scope> scopes = Scope.split(rs.getString("scopes"), ",");
        long expires = rs.getLong("expires_at");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        long used = rs.getLong("last_used_at");
        Instant lastUsed = rs.wasNull() ? null : Instant.ofEpochMilli(used);
        return new AccessToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), scopes,
                rs.getString("token_last_eight"), Instant.ofEpochMilli(rs.getLong("created_at")), expiresAt, lastUsed);
    }
}
