package dev.hearth.git;

import dev.hearth.audit.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ref_intents} table: what {@link WritePath} is about to do to a repository's refs,
 * committed before it does it and deleted in the transaction that records the events. The row
 * that deletes it is the one that records, so events are recorded exactly once however often
 * the settling runs.
 */
final class RefIntents {
    private final Jdbi jdbi;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    RefIntents(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** An intent as stored: its repository, who, and the changes. */
    record Intent(long id, long repositoryId, Actor actor, List<WritePath.RefChange> changes) {}

    /** A change as stored in the row's JSON. */
    private record Stored(String ref, String before, String after) {}

    /** Writes and commits an intent; returns its id. */
    long open(long repositoryId, Actor actor, List<WritePath.RefChange> changes) {
        String stored = json.writeValueAsString(changes.stream()
                .map(c -> new Stored(c.ref(), c.oldId().name(), c.newId().name())).toList());
        return jdbi.inTransaction(h -> h.createUpdate("""
                        INSERT INTO ref_intents (repository_id, actor_id, actor_login, remote_addr, request_id, transport,
                                                 changes, created_at)
                        VALUES (:repo, :actorId, :login, :remote, :request, :transport, :changes, :at)""")
                .bind("repo", repositoryId)
                .bind("actorId", actor.userId())
                .bind("login", actor.login())
                .bind("remote", actor.address())
                .bind("request", actor.requestId())
                .bind("transport", actor.transport().name())
                .bind("changes", stored)
                .bind("at", clock.instant().toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    /** Deletes within the caller's transaction; false when it was gone already. */
    boolean delete(Handle h, long id) {
        return h.createUpdate("DELETE FROM ref_intents WHERE id = :id").bind("id", id).execute() == 1;
    }

    /** Deletes an intent nothing came of. */
    void drop(long id) {
        jdbi.useTransaction(h -> delete(h, id));
    }

    /** Every intent not yet settled that was written at or before {@code writtenBy}, oldest first. */
    List<Intent> all(Instant writtenBy) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, repository_id, actor_id, actor_login, remote_addr, request_id, transport, changes
                        FROM ref_intents WHERE created_at <= :by ORDER BY id""")
                .bind("by", writtenBy.toEpochMilli())
                .map((rs, ctx) -> {
                    long actorId = rs.getLong("actor_id");
                    Actor actor = new Actor(rs.wasNull() ? null : actorId, rs.getString("actor_login"),
                            rs.getString("remote_addr"), rs.getString("request_id"),
                            Actor.Transport.valueOf(rs.getString("transport")));
                    List<Stored> stored = json.readValue(rs.getString("changes"), new TypeReference<List<Stored>>() {});
                    return new Intent(rs.getLong("id"), rs.getLong("repository_id"), actor, stored.stream()
                            .map(s -> new WritePath.RefChange(s.ref(), ObjectId.fromString(s.before()),
                                    ObjectId.fromString(s.after()))).toList());
                })
                .list());
    }
}
