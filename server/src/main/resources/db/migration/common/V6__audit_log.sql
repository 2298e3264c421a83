-- Security-relevant actions (see dev.hearth.audit.AuditLog). Details never hold secrets.
CREATE TABLE audit_log (
    id          ${identity},
    at          BIGINT NOT NULL,
    actor_id    BIGINT,
    actor_login TEXT,
    action      TEXT   NOT NULL,
    target      TEXT   NOT NULL,
    details     TEXT   NOT NULL,
    remote_addr TEXT,
    request_id  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
