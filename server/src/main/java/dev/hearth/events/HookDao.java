package dev.hearth.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for hooks, their deliveries and attempts. Takes the caller's handle. */
final class HookDao {
    private static final String HOOK = "SELECT id, repository_id, url, content_type, secret, insecure_ssl, events, active, created_at, updated_at FROM hooks";
    private static final String DELIVERY = """
            SELECT id, hook_id, repository_id, guid, event, action, payload, redelivery, status, attempts, next_attempt_at,
                   status_code, duration_ms, delivered_at, created_at FROM hook_deliveries""";

    long insertHook(Handle h, long repoId, String url, String contentType, String secret, boolean insecure,
                    List<String> events, boolean active, Instant now) {
        return h.createUpdate("""
                INSERT INTO hooks (repository_id, url, content_type, secret, insecure_ssl, events, active, created_at, updated_at)
                VALUES (:repo, :url, :type, :secret, :insecure, :events, :active, :now, :now)""")
                .bind("repo", repoId).bind("url", url).bind("type", contentType).bind("secret", secret)
                .bind("insecure", insecure).bind("events", String.join(",", events)).bind("active", active)
                .bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    void updateHook(Handle h, Hook hook, Instant now) {
        h.createUpdate("""
                UPDATE hooks SET url = :url, content_type = :type, secret = :secret, insecure_ssl = :insecure,
                       events = :events, active = :active, updated_at = :now WHERE id = :id""")
                .bind("url", hook.url()).bind("type", hook.contentType()).bind("secret", hook.sealedSecret())
                .bind("insecure", hook.insecureSsl()).bind("events", String.join(",", hook.events()))
                .bind("active", hook.active()).bind("now", now.toEpochMilli()).bind("id", hook.id())
                .execute();
    }

    boolean deleteHook(Handle h, long repoId, long id) {
        return h.createUpdate("DELETE FROM hooks WHERE repository_id = :repo AND id = :id")
                .bind("repo", repoId).bind("id", id).execute() > 0;
    }

    Optional<Hook> hook(Handle h, long repoId, long id) {
        return h.createQuery(HOOK + " WHERE repository_id = :repo AND id = :id").bind("repo", repoId).bind("id", id)
                .map((rs, c) -> hook(rs)).findOne();
    }

    Optional<Hook> hookById(Handle h, long id) {
        return h.createQuery(HOOK + " WHERE id = :id").bind("id", id).map((rs, c) -> hook(rs)).findOne();
    }

    List<Hook> hooks(Handle h, long repoId, int limit, long offset) {
        return h.createQuery(HOOK + " WHERE repository_id = :repo ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("repo", repoId).bind("limit", limit).bind("offset", offset).map((rs, c) -> hook(rs)).list();
    }

    long countHooks(Handle h, long repoId) {
        return h.createQuery("SELECT COUNT(*) FROM hooks WHERE repository_id = :repo").bind("repo", repoId)
                .mapTo(Long.class).one();
    }

    long insertDelivery(Handle h, long hookId, long repoId, String guid, String event, String action, String payload,
                        boolean redelivery, Instant now) {
        return h.createUpdate("""
                INSERT INTO hook_deliveries (hook_id, repository_id, guid, event, action, payload, redelivery, status,
                                             attempts, next_attempt_at, created_at)
                VALUES (:hook, :repo, :guid, :event, :action, :payload, :redelivery, 'pending', 0, :now, :now)""")
                .bind("hook", hookId).bind("repo", repoId).bind("guid", guid).bind("event", event).bind("action", action)
                .bind("payload", payload).bind("redelivery", redelivery).bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    List<Delivery> deliveries(Handle h, long hookId, int limit, long offset) {
        return h.createQuery(DELIVERY + " WHERE hook_id = :hook ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .bind("hook", hookId).bind("limit", limit).bind("offset", offset).map((rs, c) -> delivery(rs)).list();
    }

    long countDeliveries(Handle h, long hookId) {
        return h.createQuery("SELECT COUNT(*) FROM hook_deliveries WHERE hook_id = :hook").bind("hook", hookId)
                .mapTo(Long.class).one();
    }

    Optional<Delivery> delivery(Handle h, long hookId, long id) {
        return h.createQuery(DELIVERY + " WHERE hook_id = :hook AND id = :id").bind("hook", hookId).bind("id", id)
                .map((rs, c) -> delivery(rs)).findOne();
    }

    /** A due delivery with the URL of its hook, so the sender can tell which receiver it is for. */
    record Due(Delivery delivery, String url) {}

    /**
     * The oldest due delivery of each hook, that no sender holds, oldest first: one per hook, so
     * a hook with a long backlog (or many hooks of one dead receiver) cannot fill the window and
     * hide another hook's delivery from the sender.
     */
    List<Due> duePerHook(Handle h, Instant now, int limit) {
        return h.createQuery("""
                SELECT d.id, d.hook_id, d.repository_id, d.guid, d.event, d.action, d.payload, d.redelivery, d.status,
                       d.attempts, d.next_attempt_at, d.status_code, d.duration_ms, d.delivered_at, d.created_at,
                       k.url AS hook_url
                FROM hook_deliveries d JOIN hooks k ON k.id = d.hook_id
                WHERE d.id IN (SELECT MIN(id) FROM hook_deliveries
                               WHERE status = 'pending' AND next_attempt_at <= :now
                                 AND (lease_until IS NULL OR lease_until < :now)
                               GROUP BY hook_id)
                ORDER BY d.next_attempt_at, d.id LIMIT :limit""")
                .bind("now", now.toEpochMilli()).bind("limit", limit)
                .map((rs, c) -> new Due(delivery(rs), rs.getString("hook_url"))).list();
    }

    /** Takes a delivery for one attempt; false when another sender (or node) took it first. */
    boolean claim(Handle h, long id, Instant now, Instant leaseUntil) {
        return h.createUpdate("""
                UPDATE hook_deliveries SET lease_until = :until
                WHERE id = :id AND status = 'pending' AND (lease_until IS NULL OR lease_until < :now)""")
                .bind("until", leaseUntil.toEpochMilli()).bind("id", id).bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    void recordAttempt(Handle h, long deliveryId, Instant at, Integer statusCode, long durationMs, String error,
                       String responseHead, String status, Instant nextAttemptAt) {
        h.createUpdate("""
                INSERT INTO hook_attempts (delivery_id, attempted_at, status_code, duration_ms, error, response_head)
                VALUES (:delivery, :at, :code, :duration, :error, :head)""")
                .bind("delivery", deliveryId).bind("at", at.toEpochMilli()).bind("code", statusCode)
                .bind("duration", durationMs).bind("error", error).bind("head", responseHead).execute();
        h.createUpdate("""
                UPDATE hook_deliveries SET attempts = attempts + 1, status = :status, status_code = :code,
                       duration_ms = :duration, lease_until = NULL, next_attempt_at = :next,
                       delivered_at = CASE WHEN :status = 'delivered' THEN :at ELSE delivered_at END
                WHERE id = :delivery""")
                .bind("status", status).bind("code", statusCode).bind("duration", durationMs)
                .bind("next", nextAttemptAt == null ? null : nextAttemptAt.toEpochMilli()).bind("at", at.toEpochMilli())
                .bind("delivery", deliveryId).execute();
    }

    private static Hook hook(ResultSet rs) throws SQLException {
        String events = rs.getString("events");
        return new Hook(rs.getLong("id"), rs.getLong("repository_id"), rs.getString("url"), rs.getString("content_type"),
                rs.getString("secret"), rs.getBoolean("insecure_ssl"),
                events.isEmpty() ? List.of() : Arrays.asList(events.split(",")), rs.getBoolean("active"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("hook_id"), rs.getLong("repository_id"), rs.getString("guid"),
                rs.getString("event"), rs.getString("action"), rs.getString("payload"), rs.getBoolean("redelivery"),
                rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"), integer(rs, "status_code"),
                longOrNull(rs, "duration_ms"), instant(rs, "delivered_at"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
