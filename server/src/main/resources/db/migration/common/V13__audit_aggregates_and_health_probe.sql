-- Failed sign-ins are aggregated: one row per action, client address, minute, target and method
-- (the bucket, a SHA-256 of those), counted in place, so a flood of guesses adds a few rows, not
-- one per guess. NULL for every other entry (unique indexes let NULLs repeat on both databases).
ALTER TABLE audit_log ADD COLUMN bucket TEXT;
ALTER TABLE audit_log ADD COLUMN occurrences BIGINT NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD COLUMN last_at BIGINT;
CREATE UNIQUE INDEX audit_log_bucket ON audit_log (bucket);

-- One row that /readyz updates to learn whether the database still accepts writes.
CREATE TABLE health_probe (
    id         INTEGER PRIMARY KEY,
    checked_at BIGINT  NOT NULL
);
INSERT INTO health_probe (id, checked_at) VALUES (1, 0);
