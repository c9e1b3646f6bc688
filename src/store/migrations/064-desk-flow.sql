-- 064: the desk flow (issue 13) — the queue ordered by attention, and votes with voters.
--
-- The draft queue now orders by issue 14's routing first: needs-attention, then drafts that
-- were never routed (attention NULL), then routine; inside each, as before, incomplete first,
-- then flagged, then newest. 050's index sorted by the old expression, which SQLite can no
-- longer use for the new ORDER BY, so it is replaced by one with exactly the expression of
-- QUEUE_RANK in src/store/queue-order.ts (a test checks the plan uses it).
DROP INDEX reviews_queue;
CREATE INDEX reviews_queue ON reviews (
  status,
  ((CASE attention WHEN 'needs-attention' THEN 0 WHEN 'routine' THEN 8 ELSE 4 END) + (complete = 1) * 2 + (json_array_length(flags_json) = 0)),
  created_at DESC
);

-- Votes with voters. The site passes a stable anonymous id per browser; we keep only
-- HMAC-SHA256(store salt, id), never the id itself (it identifies a reader's browser). The salt
-- is random per database, made here once, so the same browser's hashes in two stores cannot be
-- matched, and a list of guessed ids cannot be checked against a leaked export without it.
-- Votes cast before this migration have no voter (voter_hash NULL): they stay counted, and no
-- later vote can replace them.
CREATE TABLE store_secrets (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO store_secrets (name, value) VALUES ('vote-voter-salt', lower(hex(randomblob(32))));
ALTER TABLE community_votes ADD COLUMN voter_hash TEXT;
-- One vote per voter per tool; a second vote by the same voter updates this row.
CREATE UNIQUE INDEX community_votes_one_per_voter ON community_votes (tool_id, voter_hash) WHERE voter_hash IS NOT NULL;
