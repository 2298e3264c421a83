-- The one ordered stream of what happened (see ActivityLog). No foreign keys: events outlive
-- the repositories and users they mention.
CREATE TABLE events (
    id            ${identity},
    repository_id BIGINT NOT NULL,
    actor_id      BIGINT NOT NULL,
    type          TEXT   NOT NULL,
    payload       TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX events_repository ON events (repository_id, id);
