-- An event is about a subject: a repository (every row so far, hence the default), a user or,
-- soon, an organisation. The repository id becomes the subject id; the JSON payload of old rows
-- already holds everything they need.
ALTER TABLE events RENAME COLUMN repository_id TO subject_id;
ALTER TABLE events ADD COLUMN subject_type TEXT NOT NULL DEFAULT 'repository';
DROP INDEX events_repository;
CREATE INDEX events_subject ON events (subject_type, subject_id, id);

-- When the password last changed (epoch milliseconds): what was proven with an older one, such as
-- a live WebSocket opened with Basic authentication, stops counting. NULL: never changed.
ALTER TABLE users ADD COLUMN password_changed_at BIGINT;

-- Browser sessions signed out one by one (the session id's SHA-256), kept until the session
-- would have ended anyway, so a copied cookie does not outlive its sign-out.
CREATE TABLE ended_sessions (
    session_hash TEXT   PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    ended_at     BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX ended_sessions_expiry ON ended_sessions (expires_at);
