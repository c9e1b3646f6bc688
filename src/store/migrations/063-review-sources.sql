-- 063: freshness (issue 13). What each review read, hashed, so `batch --stale` can tell
-- whether a published tool's sources changed since, and the desk can diff them.
--
-- One row per source kind a review read: 'page' (a web page's readable text, a Markdown or
-- text file), 'readme' (a GitHub README), 'description' (title, meta description, fields the
-- page states for certain), 'facts' (facts and links). `hash` is sha256 of the whole
-- normalised text (src/freshness/normalise.ts, rules version `normaliser`); `text` is that
-- text, cut at 32,000 characters (`truncated`). Written with the draft, in its transaction;
-- append-only like the review itself. A review made before 063 has no rows (its page
-- excerpt stands in for the page, see src/freshness/).
CREATE TABLE review_sources (
  id          INTEGER PRIMARY KEY,
  review_id   TEXT NOT NULL REFERENCES reviews (id),
  kind        TEXT NOT NULL CHECK (kind IN ('page', 'readme', 'description', 'facts')),
  target      TEXT NOT NULL,  -- what to fetch or read again: the URL as given, or an absolute path
  url         TEXT NOT NULL,  -- where it was found (after redirects / its canonical address)
  hash        TEXT NOT NULL,
  normaliser  INTEGER NOT NULL,
  text        TEXT NOT NULL,
  truncated   INTEGER NOT NULL CHECK (truncated IN (0, 1)),
  fetched_at  TEXT NOT NULL,
  UNIQUE (review_id, kind)
);

CREATE TRIGGER review_sources_no_update BEFORE UPDATE ON review_sources
BEGIN
  SELECT RAISE(ABORT, 'review_sources are written with their draft and never changed');
END;
CREATE TRIGGER review_sources_no_delete BEFORE DELETE ON review_sources
BEGIN
  SELECT RAISE(ABORT, 'review_sources are written with their draft and never changed');
END;

-- A `batch --stale` run's source is the store itself: batch_runs.source_kind gains 'stale'.
-- SQLite changes a CHECK only by rebuilding the table (foreign keys are off while migrating).
CREATE TABLE batch_runs_063 (
  id            INTEGER PRIMARY KEY,
  run_key       TEXT NOT NULL,
  source        TEXT NOT NULL,
  source_kind   TEXT NOT NULL CHECK (source_kind IN ('text', 'json', 'feed', 'stale')),
  options_json  TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'budget', 'done')),
  stop_reason   TEXT,
  invocations   INTEGER NOT NULL DEFAULT 1,
  started_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  finished_at   TEXT
);
INSERT INTO batch_runs_063 SELECT id, run_key, source, source_kind, options_json, status, stop_reason, invocations, started_at, updated_at, finished_at FROM batch_runs;
DROP TABLE batch_runs;
ALTER TABLE batch_runs_063 RENAME TO batch_runs;
CREATE UNIQUE INDEX batch_runs_one_open ON batch_runs (run_key) WHERE status IN ('running', 'interrupted');
