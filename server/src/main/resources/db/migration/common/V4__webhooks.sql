-- Webhooks and their persistent outbox (see dev.hearth.events.WebhookOutbox and WebhookSender).
CREATE TABLE hooks (
    id            ${identity},
    repository_id BIGINT  NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    url           TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    secret        TEXT,
    insecure_ssl  BOOLEAN NOT NULL,
    events        TEXT    NOT NULL,
    active        BOOLEAN NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX hooks_repository ON hooks (repository_id);

CREATE TABLE hook_deliveries (
    id              ${identity},
    hook_id         BIGINT  NOT NULL REFERENCES hooks (id) ON DELETE CASCADE,
    repository_id   BIGINT  NOT NULL,
    guid            TEXT    NOT NULL,
    event           TEXT    NOT NULL,
    action          TEXT,
    payload         TEXT    NOT NULL,
    redelivery      BOOLEAN NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT,
    lease_until     BIGINT,
    status_code     INTEGER,
    duration_ms     BIGINT,
    delivered_at    BIGINT,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX hook_deliveries_due ON hook_deliveries (status, next_attempt_at);
CREATE INDEX hook_deliveries_hook ON hook_deliveries (hook_id, id);

CREATE TABLE hook_attempts (
    id            ${identity},
    delivery_id   BIGINT NOT NULL REFERENCES hook_deliveries (id) ON DELETE CASCADE,
    attempted_at  BIGINT NOT NULL,
    status_code   INTEGER,
    duration_ms   BIGINT NOT NULL,
    error         TEXT,
    response_head TEXT
);
CREATE INDEX hook_attempts_delivery ON hook_attempts (delivery_id);

-- How far a follower of the events table has got; moved in the same transaction as its work.
CREATE TABLE event_cursors (
    name          TEXT   PRIMARY KEY,
    last_event_id BIGINT NOT NULL
);
