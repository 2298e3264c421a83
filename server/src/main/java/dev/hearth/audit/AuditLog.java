package dev.hearth.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 *
 * <p>Failures a guesser repeats (failed sign-ins) are recorded with {@link #recordRepeated}: one
 * row per action, address, minute, target and details, whose count grows in place, so a flood of
 * guesses neither fills the database nor buries the entries around it. Such rows show the count
 * and the time of the last occurrence in their details ({@code count}, {@code last_at}).
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

    /**
     * Records a failure that may repeat many times a minute (a failed sign-in), aggregated: the
     * first one of its minute from this address with this target and these details adds a row
     * (with its request id), each further one adds 1 to that row's count, in one statement (an
     * upsert on the bucket's unique index, the same SQL on SQLite and PostgreSQL), in its own
     * transaction. Who and from where are read from the logging context, as for {@link #record(String, String, Map)}.
     */
    public void recordRepeated(String action, String target, Map<String, ?> details) {
        String remote = MDC.get(MDC_REMOTE);
        long at = clock.instant().toEpochMilli();
        String detailsJson = json.writeValueAsString(details);
        String bucket = sha256(String.join("\n", action, remote == null ? "-" : remote,
                Long.toString(at / BUCKET_MILLIS), target, detailsJson));
        String actorId = MDC.get(MDC_ACTOR_ID);
        jdbi.useTransaction(h -> h.createUpdate("""
                INSERT INTO audit_log (at, actor_id, actor_login, action, target, details, remote_addr, request_id,
                                       bucket, occurrences, last_at)
                VALUES (:at, :actorId, :actorLogin, :action, :target, :details, :remote, :request, :bucket, 1, :at)
                ON CONFLICT (bucket) DO UPDATE SET occurrences = audit_log.occurrences + 1, last_at = excluded.last_at""")
                .bind("at", at)
                .bind("actorId", actorId == null ? null : Long.valueOf(actorId))
                .bind("actorLogin", MDC.get(MDC_ACTOR_LOGIN))
                .bind("action", action)
                .bind("target", target)
                .bind("details", detailsJson)
                .bind("remote", remote)
                .bind("request", MDC.get(MDC_REQUEST))
                .bind("bucket", bucket)
                .execute());
    }

    /** The span of one aggregated row ({@link #recordRepeated}): a minute, as the issue asked and as log readers count. */
    static final long BUCKET_MILLIS = 60_000;

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
                        SELECT id, at, actor_id, actor_login, action, target, details, remote_addr, request_id,
                               bucket, occurrences, last_at
                        FROM audit_log ORDER BY id DESC LIMIT :limit OFFSET :offset""")
                .bind("limit", limit).bind("offset", offset)
                .map((rs, c) -> {
                    long actor = rs.getLong("actor_id");
                    Long actorId = rs.wasNull() ? null : actor;
                    Map<String, Object> details = new LinkedHashMap<>(
                            json.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {}));
                    if (rs.getString("bucket") != null) {
                        details.put("count", rs.getLong("occurrences"));
                        details.put("last_at", Instant.ofEpochMilli(rs.getLong("last_at")).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
                    }
                    return new AuditEntry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), actorId,
                            rs.getString("actor_login"), rs.getString("action"), rs.getString("target"),
                            details, rs.getString("remote_addr"), rs.getString("request_id"));
                })
                .list());
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
