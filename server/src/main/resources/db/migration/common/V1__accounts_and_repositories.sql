-- Times are epoch milliseconds (UTC) in both databases. ${identity} is the vendor's
-- auto-increment primary key, set by Database.open.
CREATE TABLE users (
    id            ${identity},
    login         TEXT    NOT NULL,
    login_lower   TEXT    NOT NULL UNIQUE,
    email         TEXT    NOT NULL,
    email_lower   TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    site_admin    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE access_tokens (
    id               ${identity},
    user_id          BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name             TEXT    NOT NULL,
    token_hash       TEXT    NOT NULL UNIQUE,
    token_last_eight TEXT    NOT NULL,
    scopes           TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    expires_at       BIGINT,
    last_used_at     BIGINT
);
CREATE INDEX access_tokens_user ON access_tokens (user_id);

CREATE TABLE repositories (
    id             ${identity},
    owner_id       BIGINT  NOT NULL REFERENCES users (id),
    name           TEXT    NOT NULL,
    name_lower     TEXT    NOT NULL,
    description    TEXT,
    private        BOOLEAN NOT NULL,
    default_branch TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    pushed_at      BIGINT,
    UNIQUE (owner_id, name_lower)
);

CREATE TABLE collaborators (
    repository_id BIGINT NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permission    TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (repository_id, user_id)
);
CREATE INDEX collaborators_user ON collaborators (user_id);
