-- Ref updates the write path is about to make (see dev.hearth.git.WritePath): written and
-- committed before the refs move, deleted in the transaction that records their events. A row
-- left over (the process died in between) is settled at the next start: the changes the
-- repository shows are recorded, the others dropped.
CREATE TABLE ref_intents (
    id            ${identity},
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    actor_id      BIGINT,
    actor_login   TEXT,
    remote_addr   TEXT,
    request_id    TEXT,
    transport     TEXT   NOT NULL,
    changes       TEXT   NOT NULL,
    created_at    BIGINT NOT NULL
);
