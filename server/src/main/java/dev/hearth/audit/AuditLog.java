package dev.hearth.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.MDC;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: failed sign-ins, tokens and keys created or revoked, permission, visibility and
 * protection changes, repository deletions, pushes. Who and from where are passed explicitly as an
 * {@link Actor} ({@link #record(Handle, Actor, String, String, Map)}); the older methods read them
 * from the request's logging context (client address and request id, set by the HTTP layer), which
 * only HTTP requests have. Callers pass details that hold no secret; this class never sees one.
 */
public final class AuditLog {
    /** Logging-context keys the HTTP layer fills for every request (the actor once authenticated). */
    public static final String MDC_REMOTE = "remote_addr";
    public static final String MDC_REQUEST = "request_id";
    public static final String MDC_ACTOR_ID = "actor_id";
    public static final String MDC_ACTOR_LOGIN = "actor_login";

    private final Jdbi jdbi;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Records in its own transaction (for actions that have none, such as a failed sign-in). */
    public void record(String action, String target, Map<String, ?> details) {
        jdbi.useTransaction(h -> record(h, action, target, details));
    }

    /**
     * Records within the caller's transaction, so the action and its entry commit together. The
     * actor is whoever the request authenticated as (none for a failed or anonymous one).
     */
    public void record(Handle h, String action, String target, Map<String, ?> details) {
        String actorId = MDC.get(MDC_ACTOR_ID);
        insert(h, actorId == null ? null : Long.valueOf(actorId), MDC.get(MDC_ACTOR_LOGIN), action, target, details,
                MDC.get(MDC_REMOTE), MDC.get(MDC_REQUEST));
    }

    /**
     * Records within the caller's transaction, with the actor and origin given rather than read
     * from the logging context: what SSH and background work use, where there is no such context.
     * The transport is added to the details as {@code transport}.
     */
    public void record(Handle h, Actor actor, String action, String target, Map<String, ?> details) {
        Map<String, Object> withTransport = new java.util.LinkedHashMap<>(details);
        withTransport.putIfAbsent("transport", actor.transport().wire());
        insert(h, actor.userId(), actor.login(), action, target, withTransport, actor.address(), actor.requestId());
    }

    private void insert(Handle h, Long actorId, String actorLogin, String action, String target, Map<String, ?> details,
                        String remote, String request) {
        h.createUpdate("""
                INSERT INTO audit_log (at, actor_id, actor_login, action, target, details, remote_addr, request_id)
                VALUES (:at, :actorId, :actorLogin, :action, :target, :details, :remote, :request)""")
                .bind("at", clock.instant().toEpochMilli())
                .bind("actorId", actorId)
                .bind("actorLogin", actorLogin)
                .bind("action", action)
                .bind("target", target)
                .bind("details", json.writeValueAsString(details))
                .bind("remote", remote)
                .bind("request", request)
                .execute();
    }

    public List<AuditEntry> list(int limit, long offset) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, at, actor_id, actor_login, action, target, details, remote_addr, request_id
                        FROM audit_log ORDER BY id DESC LIMIT :limit OFFSET :offset""")
                .bind("limit", limit).bind("offset", offset)
                .map((rs, c) -> {
                    long actor = rs.getLong("actor_id");
                    Long actorId = rs.wasNull() ? null : actor;
                    return new AuditEntry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), actorId,
                            rs.getString("actor_login"), rs.getString("action"), rs.getString("target"),
                            json.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {}),
                            rs.getString("remote_addr"), rs.getString("request_id"));
                })
                .list());
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }
}
