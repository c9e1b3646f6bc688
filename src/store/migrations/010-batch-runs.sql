-- 010: batch runs, one row per tool of a run, and the per-source lock that keeps two scheduled
-- runs of one source from overlapping. (Numbered 010 to leave 003–009 to the editor's desk.)
--
-- A run is identified by `run_key` (a hash of the resolved source and the options that change
-- what gets reviewed). At most one run per key is open ('running' or 'interrupted'); running
-- the same command again resumes it. Items are never deleted: their states are the run's log.

CREATE TABLE batch_runs (
  id            INTEGER PRIMARY KEY,
  run_key       TEXT NOT NULL,
  source        TEXT NOT NULL,  -- the resolved file path or the URL, as given
  source_kind   TEXT NOT NULL CHECK (source_kind IN ('text', 'json', 'feed')),
  options_json  TEXT NOT NULL,  -- {"model", "personaModels", "force", "limit", "budgetUsd", …} of the first invocation
  -- running: a process owns it (or was killed while owning it); interrupted: stopped by a
  -- signal; budget: stopped at --budget-usd (closed: the next invocation starts a new run);
  -- done: every item reached done, failed or skipped.
  status        TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'budget', 'done')),
  stop_reason   TEXT,
  invocations   INTEGER NOT NULL DEFAULT 1,
  started_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  finished_at   TEXT
);
CREATE UNIQUE INDEX batch_runs_one_open ON batch_runs (run_key) WHERE status IN ('running', 'interrupted');

CREATE TABLE batch_items (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES batch_runs (id),
  position     INTEGER NOT NULL,             -- order in the source
  url          TEXT NOT NULL,                -- normalised (normalize-url.ts): one tool, one row per run
  target       TEXT NOT NULL,                -- what runReview is given: the URL as written, or an absolute path
  name         TEXT,                         -- a name the source gave, for logs only
  state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'skipped')),
  attempts     INTEGER NOT NULL DEFAULT 0,   -- starts, including ones a killed process never finished
  review_id    TEXT REFERENCES reviews (id), -- done: the draft; skipped: the review that made it unnecessary
  complete     INTEGER CHECK (complete IN (0, 1)), -- done: the panel had no failed persona
  cost_usd     REAL,                         -- done: the draft's cost
  reason       TEXT,                         -- failed: the error; skipped: why
  queued_at    TEXT NOT NULL,
  started_at   TEXT,
  finished_at  TEXT,
  UNIQUE (run_id, url),
  CHECK (state <> 'done' OR review_id IS NOT NULL)
);
CREATE INDEX batch_items_by_state ON batch_items (run_id, state, position);
CREATE INDEX batch_items_by_url ON batch_items (url, state);
-- A draft is the result of exactly one item: a resumed run can never count one twice.
CREATE UNIQUE INDEX batch_items_one_per_review ON batch_items (review_id) WHERE state = 'done';

-- One row while a batch of `source` runs. A row whose process is gone (same host, dead pid) or
-- whose heartbeat is stale is taken over by the next run.
CREATE TABLE batch_locks (
  source        TEXT PRIMARY KEY,
  token         TEXT NOT NULL,  -- random per process: only the holder refreshes or releases it
  pid           INTEGER NOT NULL,
  hostname      TEXT NOT NULL,
  acquired_at   TEXT NOT NULL,
  heartbeat_at  TEXT NOT NULL
);
