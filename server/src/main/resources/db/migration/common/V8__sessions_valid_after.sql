-- Browser sessions are signed tokens that no table lists, so ending them is one time per user:
-- a session that started before it (epoch milliseconds) is no longer accepted. Set when the
-- password changes and when the user signs out everywhere; NULL: every unexpired session counts.
ALTER TABLE users ADD COLUMN sessions_valid_after BIGINT;
