-- Protected branches: a name or a pattern (release/*) with the rules every write path enforces.
CREATE TABLE branch_protections (
    id                 ${identity},
    repository_id      BIGINT  NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    pattern            TEXT    NOT NULL,
    allow_force_pushes BOOLEAN NOT NULL,
    allow_deletions    BOOLEAN NOT NULL,
    enforce_admins     BOOLEAN NOT NULL,
    restrict_users     TEXT,
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL,
    UNIQUE (repository_id, pattern)
);
