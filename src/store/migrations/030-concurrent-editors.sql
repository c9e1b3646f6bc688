-- 030: editors working at the same time, sign-in that survives a restart, and batches over
-- overlapping sources.

-- The review's revision: 1 when the engine saves the draft, +1 on every change an editor (or
-- a regeneration, or a supersede) makes to it. An edit, approve or reject names the revision
-- it was made on; a stale one is refused instead of overwriting what the editor never saw.
ALTER TABLE reviews ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

-- The editor page's sessions. Only a SHA-256 of the session id (the cookie) is kept, so the
-- database alone cannot be used to sign in; a row past `expires_at` is dead and swept.
CREATE TABLE editor_sessions (
  id_hash      TEXT PRIMARY KEY,
  csrf         TEXT NOT NULL,
  editor       TEXT,
  signed_in    INTEGER NOT NULL CHECK (signed_in IN (0, 1)),
  flash_json   TEXT,
  created_at   TEXT NOT NULL,
  seen_at      TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX editor_sessions_by_expiry ON editor_sessions (expires_at);

-- One row while a batch reviews a tool (by normalised URL, whatever source listed it), so two
-- batches over overlapping sources never review one tool at once. Same takeover rule as
-- batch_locks: a dead pid on this host, or no heartbeat for the stale window.
CREATE TABLE review_claims (
  url           TEXT PRIMARY KEY,
  token         TEXT NOT NULL,  -- the claiming batch's lock token
  source        TEXT NOT NULL,  -- for the message of the batch that finds it claimed
  pid           INTEGER NOT NULL,
  hostname      TEXT NOT NULL,
  claimed_at    TEXT NOT NULL,
  heartbeat_at  TEXT NOT NULL
);
CREATE INDEX review_claims_by_token ON review_claims (token);
