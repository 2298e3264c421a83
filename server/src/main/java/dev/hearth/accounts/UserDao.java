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

    /** A new password hash; sessions that started before {@code now} end with the old password. */
    void setPassword(Handle h, long id, String passwordHash, Instant now) {
        h.createUpdate("UPDATE users SET password_hash = :hash, sessions_valid_after = :now, updated_at = :now WHERE id = :id")
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
