-- SSH public keys for git over SSH. The key is stored normalized ("type base64", no comment);
-- the fingerprint (OpenSSH's "SHA256:...") is how a connecting key finds its user, and unique,
-- so one key can never stand for two users.
CREATE TABLE ssh_keys (
    id          ${identity},
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       TEXT   NOT NULL,
    public_key  TEXT   NOT NULL,
    fingerprint TEXT   NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
CREATE INDEX ssh_keys_user ON ssh_keys (user_id);
