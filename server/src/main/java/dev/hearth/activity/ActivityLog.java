package dev.hearth.activity;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.hearth.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events table: an append-only, totally ordered stream. Appends happen inside the caller's
 * transaction, so a change and its event commit together or not at all; ids grow in commit
 * order (writers serialise on a lock), so "everything after id N" never skips a late commit.
 * Listeners hear, after each commit, that new events exist, and read them from the table.
 * Each row names its subject ({@code subject_type}, {@code subject_id}: a repository, a user, an
 * organisation) beside the JSON of the activity, which alone is read back.
 */
public final class ActivityLog {
    private static final long APPEND_LOCK = 0x4845415254L; // "HEART": PostgreSQL advisory lock key

    private final Jdbi jdbi;
    private final Database.Vendor vendor;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder()
            .addMixIn(Activity.class, Polymorphic.class)
            .build();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ActivityLog(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.vendor = database.vendor();
        this.clock = clock;
    }

    /** Stored with its concrete type, so rows read back as the records they were. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Activity.RepositoryCreated.class, name = "RepositoryCreated"),
            @JsonSubTypes.Type(value = Activity.RepositoryRenamed.class, name = "RepositoryRenamed"),
            @JsonSubTypes.Type(value = Activity.RepositoryDeleted.class, name = "RepositoryDeleted"),
            @JsonSubTypes.Type(value = Activity.VisibilityChanged.class, name = "VisibilityChanged"),
            @JsonSubTypes.Type(value = Activity.Pushed.class, name = "Pushed"),
            @JsonSubTypes.Type(value = Activity.RefCreated.class, name = "RefCreated"),
            @JsonSubTypes.Type(value = Activity.RefDeleted.class, name = "RefDeleted"),
            @JsonSubTypes.Type(value = Activity.CollaboratorAdded.class, name = "CollaboratorAdded"),
            @JsonSubTypes.Type(value = Activity.CollaboratorRemoved.class, name = "CollaboratorRemoved"),
            @JsonSubTypes.Type(value = Activity.TokenRevoked.class, name = "TokenRevoked"),
            @JsonSubTypes.Type(value = Activity.OAuthClientDeleted.class, name = "OAuthClientDeleted"),
            @JsonSubTypes.Type(value = Activity.PasswordChanged.class, name = "PasswordChanged"),
            @JsonSubTypes.Type(value = Activity.SessionsEnded.class, name = "SessionsEnded"),
            @JsonSubTypes.Type(value = Activity.SignedOut.class, name = "SignedOut")})
    private interface Polymorphic {}

    /** Appends within the caller's transaction; listeners are told once it commits. */
    public long append(Handle h, Activity activity) {
        if (vendor == Database.Vendor.POSTGRESQL) {
            h.execute("SELECT pg_advisory_xact_lock(?)", APPEND_LOCK);
        }
        long id = h.createUpdate("""
                INSERT INTO events (subject_type, subject_id, actor_id, type, payload, created_at)
                VALUES (:subjectType, :subject, :actor, :type, :payload, :at)""")
                .bind("subjectType", activity.subject().kind())
                .bind("subject", activity.subject().id())
                .bind("actor", activity.actor().id())
                .bind("type", activity.type())
                .bind("payload", json.writerFor(Activity.class).writeValueAsString(activity))
                .bind("at", clock.instant().toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        h.afterCommit(() -> listeners.forEach(Runnable::run));
        return id;
    }

    /** Events after {@code afterId}, oldest first, at most {@code limit}. */
    public List<Event> after(long afterId, int limit) {
        return jdbi.withHandle(h -> after(h, afterId, limit));
    }

    /** As {@link #after(long, int)}, on the caller's handle (inside a consumer's transaction, say). */
    public List<Event> after(Handle h, long afterId, int limit) {
        return h.createQuery("SELECT id, created_at, payload FROM events WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Event(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        json.readerFor(Activity.class).readValue(rs.getString("payload"))))
                .list();
    }

    /** The id of the newest event, 0 when there is none. */
    public long lastId() {
        return jdbi.withHandle(this::lastId);
    }

    /** As {@link #lastId()}, on the caller's handle. */
    public long lastId(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM events").mapTo(Long.class).one();
    }

    /** Registers a callback run after every commit that appended events (on the committing thread). */
    public void onAppended(Runnable listener) {
        listeners.add(listener);
    }
}
