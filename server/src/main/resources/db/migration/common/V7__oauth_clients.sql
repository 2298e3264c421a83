-- OAuth2 clients for machines (client credentials grant). The client secret is shown once;
-- only its SHA-256 is kept. Scopes are comma-separated wire names, as for access tokens.
CREATE TABLE oauth_clients (
    id            ${identity},
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT   NOT NULL,
    client_id     TEXT   NOT NULL UNIQUE,
    secret_hash   TEXT   NOT NULL,
    scopes        TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX oauth_clients_user ON oauth_clients (user_id);

-- Keys that sign OAuth access tokens (HS256), sealed with the data directory's secret box.
-- The newest signs; older ones only verify until the tokens they signed have expired.
CREATE TABLE signing_keys (
    kid        TEXT   PRIMARY KEY,
    secret     TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
