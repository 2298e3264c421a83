package dev.hearth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for OAuth clients; only the SHA-256 of a client secret is ever stored. */
final class OAuthClientDao {
    private static final String COLUMNS = "id, user_id, name, client_id, secret_hash, scopes, created_at, last_used_at";

    record WithHash(OAuthClient client, String hash) {}

    long insert(Handle h, long userId, String name, String clientId, String hash, Set<Scope> scopes, Instant now) {
        return h.createUpdate("""
                INSERT INTO oauth_clients (user_id, name, client_id, secret_hash, scopes, created_at)
                VALUES (:user, :name, :client, :hash, :scopes, :now)""")
                .bind("user", userId)
                .bind("name", name)
                .bind("client", clientId)
                .bind("hash", hash)
                .bind("scopes", Scope.join(scopes, ","))
                .bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    Optional<WithHash> byClientId(Handle h, String clientId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oauth_clients WHERE client_id = :client")
                .bind("client", clientId)
                .map((rs, ctx) -> new WithHash(client(rs), rs.getString("secret_hash")))
                .findOne();
    }

    List<OAuthClient> byUser(Handle h, long userId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oauth_clients WHERE user_id = :user ORDER BY id")
                .bind("user", userId)
                .map((rs, ctx) -> client(rs))
                .list();
    }

    Optional<OAuthClient> delete(Handle h, long userId, long id) {
        Optional<OAuthClient> found = h.createQuery("SELECT " + COLUMNS + " FROM oauth_clients WHERE user_id = :user AND id = :id")
                .bind("user", userId)
                .bind("id", id)
                .map((rs, ctx) -> client(rs))
                .findOne();
        found.ifPresent(c -> h.createUpdate("DELETE FROM oauth_clients WHERE id = :id").bind("id", id).execute());
        return found;
    }

    void touch(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE oauth_clients SET last_used_at = :now WHERE id = :id")
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute();
    }

    private static OAuthClient client(ResultSet rs) throws SQLException {
        Set<Scope> scopes = Scope.split(rs.getString("scopes"), ",");
        long used = rs.getLong("last_used_at");
        Instant lastUsed = rs.wasNull() ? null : Instant.ofEpochMilli(used);
        return new OAuthClient(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("client_id"),
                scopes, Instant.ofEpochMilli(rs.getLong("created_at")), lastUsed);
    }
}
