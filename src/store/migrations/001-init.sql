-- 001: tools, reviews, persona reviews (model originals and, later, editor revisions), audit log.
--
-- Migration files run in numeric order, each inside its own transaction (see ../db.ts), with
-- foreign keys checked after the file and before its commit. So: no BEGIN/COMMIT here, and a
-- later file may rebuild a table the SQLite way (create new, copy, drop, rename).
-- Batch runs get their own migration with the batch issue.
--
-- Conventions: timestamps are ISO-8601 UTC text (sortable); booleans are 0/1 integers;
-- `*_json` columns hold JSON text. Reviews are never deleted (they are superseded), so foreign
-- keys have no ON DELETE action: an accidental delete fails instead of erasing history.

-- One row per tool, keyed by the normalised URL (normalize-url.ts).
CREATE TABLE tools (
  id          INTEGER PRIMARY KEY,
  url         TEXT NOT NULL UNIQUE,  -- normalised: https://github.com/owner/repo, file:/abs/path…
  slug        TEXT NOT NULL UNIQUE,  -- page name; suffixed (-2, -3…) when another tool has it
  name        TEXT NOT NULL,         -- the latest review's profile name
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- One row per panel run. `review_json` is the full Review (schemas.ts) as the engine produced
-- it and is what getReview returns; the other columns copy parts of it for queries. `status`
-- is the exception: it changes as editors act, and the column is authoritative.
CREATE TABLE reviews (
  id                    TEXT PRIMARY KEY,
  tool_id               INTEGER NOT NULL REFERENCES tools (id),
  status                TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'rejected', 'superseded')),
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  -- panel
  verdict               TEXT NOT NULL CHECK (verdict IN ('ship', 'skip', 'mixed')),
  label                 TEXT NOT NULL,
  ship_count            INTEGER NOT NULL,
  skip_count            INTEGER NOT NULL,
  ship_percent          INTEGER NOT NULL,
  mean_score            REAL NOT NULL,
  complete              INTEGER NOT NULL CHECK (complete IN (0, 1)),
  -- usage of every call of the review, profile included
  input_tokens          INTEGER NOT NULL,
  output_tokens         INTEGER NOT NULL,
  cached_input_tokens   INTEGER NOT NULL,
  cost_usd              REAL NOT NULL,
  -- provenance: what produced it, so batch can skip tools reviewed with the same versions
  prompt_version        TEXT NOT NULL,
  persona_versions_json TEXT NOT NULL,  -- {"builder": "<hash>", …}
  models_json           TEXT NOT NULL,  -- {"builder": "openai:…", …}, failed personas included
  flags_json            TEXT NOT NULL,  -- [{"kind": "prompt-injection", "detail": "…"}]
  simulated             INTEGER NOT NULL CHECK (simulated IN (0, 1)),
  review_json           TEXT NOT NULL
);
CREATE INDEX reviews_by_status ON reviews (status, created_at);
CREATE INDEX reviews_by_tool ON reviews (tool_id, created_at);

-- One row per persona per revision, in one table so that the model's answer and the editor's
-- corrections sit side by side. The engine writes revision 1 (source 'model', author
-- 'engine'); an editor's edit or a regenerated answer is a new row with the next revision,
-- so nothing already written is overwritten. The current answer is the highest revision.
-- A persona whose call failed has a row with status 'failed' and the error, no answer.
CREATE TABLE persona_reviews (
  id             INTEGER PRIMARY KEY,
  review_id      TEXT NOT NULL REFERENCES reviews (id),
  persona        TEXT NOT NULL,
  revision       INTEGER NOT NULL CHECK (revision >= 1),
  position       INTEGER NOT NULL,  -- order on the page (the review's order, failures last)
  source         TEXT NOT NULL CHECK (source IN ('model', 'editor')),
  author         TEXT NOT NULL,     -- 'engine' for model answers, else the editor's name
  created_at     TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  name           TEXT,              -- display name; unknown for a failure
  score          INTEGER CHECK (score BETWEEN 0 AND 100),
  verdict        TEXT CHECK (verdict IN ('ship', 'skip')),
  quote          TEXT,
  error          TEXT,
  model          TEXT,
  usage_json     TEXT,              -- Usage of the call(s), re-asks included; null if unknown
  latency_ms     REAL,
  attempts       INTEGER,
  original_json  TEXT NOT NULL,     -- the PersonaReview or Failure entry exactly as recorded
  UNIQUE (review_id, persona, revision),
  CHECK (
    (status = 'ok' AND score IS NOT NULL AND verdict IS NOT NULL AND quote IS NOT NULL)
    OR (status = 'failed' AND error IS NOT NULL)
  )
);

-- Every state change, append-only: who (actor), what (action, status move), when.
CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  review_id    TEXT REFERENCES reviews (id),  -- null for changes not tied to one review
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,                 -- 'engine', 'batch', or an editor's name
  action       TEXT NOT NULL,                 -- 'created draft', 'approved', 'edited builder'…
  from_status  TEXT,
  to_status    TEXT,
  detail_json  TEXT                           -- e.g. a rejection reason, the edited fields
);
CREATE INDEX audit_log_by_review ON audit_log (review_id, id);

-- History must not be rewritten, even by a buggy caller.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER persona_reviews_no_update BEFORE UPDATE ON persona_reviews
BEGIN
  SELECT RAISE(ABORT, 'persona_reviews are append-only: add a revision');
END;
