package dev.hearth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the users table. Takes the handle (and so the transaction) its caller holds. */
final class UserDao {
    private static final String COLUMNS = "id, login, email, site_admin, created_at, updated_at";

    /** A user with the stored password hash, for sign-in only. */
    record WithHash(User user, String passwordHash) {}

    long insert(Handle h, Login login, Email email, String passwordHash, boolean siteAdmin, Instant now) {
        return h.createUpdate("""
                INSERT INTO users (login, login_lower, email, email_lower, password_hash, site_admin, created_at, updated_at)
                VALUES (:login, :loginLower, :email, :emailLower, :hash, :admin, :now, :now)""")
                .bind("login", login.value())
                .bind("loginLower", login.lower())
                .bind("email", email.value())
                .bind("emailLower", email.lower())
                .bind("hash", passwordHash)
                .bind("admin", siteAdmin)
                .bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    Optional<User> byLogin(Handle h, String login) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE login_lower = :l")
                .bind("l", login.toLowerCase(java.util.Locale.ROOT))
                .map((rs, ctx) -> user(rs))
                .findOne();
    }

    Optional<User> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> user(rs))
                .findOne();
    }

    Optional<WithHash> withHash(Handle h, String login) {
        return h.createQuery("SELECT " + COLUMNS + ", password_hash FROM users WHERE login_lower = :l")
                .bind("l", login.toLowerCase(java.util.Locale.ROOT))
                .map((rs, ctx) -> new WithHash(user(rs), rs.getString("password_hash")))
                .findOne();
    }

    /** The user, if they exist and sessions that started at {@code started} are still accepted. */
    Optional<User> withSessionFrom(Handle h, long id, Instant started) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id"
                        + " AND (sessions_valid_after IS NULL OR sessions_valid_after <= :started)")
                .bind("id", id)
                .bind("started", started.toEpochMilli())
                .map((rs, ctx) -> user(rs))
                .findOne();
    }

    /** As {@link #withSessionFrom}, and the session (by its id's hash) was not signed out. */
    Optional<User> withSessionFrom(Handle h, long id, String sessionHash, Instant started) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id"
                        + " AND (sessions_valid_after IS NULL OR sessions_valid_after <= :started)"
                        + " AND NOT EXISTS (SELECT 1 FROM ended_sessions WHERE session_hash = :session)")
                .bind("id", id)
                .bind("started", started.toEpochMilli())
                .bind("session", sessionHash)
                .map((rs, ctx) -> user(rs))
                .findOne();
    }

    /** Ends one session until it would have ended anyway; forgets sessions that have ended by now. */
    void endSession(Handle h, long userId, String sessionHash, Instant now, Instant end) {
        h.createUpdate("DELETE FROM ended_sessions WHERE expires_at < :now").bind("now", now.toEpochMilli()).execute();
        h.createUpdate("""
                INSERT INTO ended_sessions (session_hash, user_id, ended_at, expires_at) VALUES (:session, :user, :now, :end)
                ON CONFLICT (session_hash) DO NOTHING""")
                .bind("session", sessionHash)
                .bind("user", userId)
                .bind("now", now.toEpochMilli())
                .bind("end", end.toEpochMilli())
                .execute();
    }

    /** Whether a password proven at {@code provenAt} is still the user's: it has not changed since. */
    boolean passwordUnchangedSince(Handle h, long id, Instant provenAt) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE id = :id"
                        + " AND (password_changed_at IS NULL OR password_changed_at <= :proven)")
                .bind("id", id)
                .bind("proven", provenAt.toEpochMilli())
                .mapTo(Long.class)
                .one() > 0;
    }

    /** A new password hash; sessions that started before {@code now} end with the old password. */
    void setPassword(Handle h, long id, String passwordHash, Instant now) {
        h.createUpdate("""
                UPDATE users SET password_hash = :hash, sessions_valid_after = :now, password_changed_at = :now,
                       updated_at = :now WHERE id = :id""")
                .bind("hash", passwordHash)
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute();
    }

    void endSessions(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE users SET sessions_valid_after = :now WHERE id = :id")
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute();
    }

    boolean emailTaken(Handle h, Email email) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE email_lower = :e")
                .bind("e", email.lower())
                .mapTo(Long.class)
                .one() > 0;
    }

    long count(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
    }

    static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("login"), rs.getString("email"),
                rs.getBoolean("site_admin"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
