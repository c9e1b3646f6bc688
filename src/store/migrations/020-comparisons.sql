-- 020: comparison pages (two tools side by side) with their generated verdict line, and
-- community votes. (Numbered 020 to leave 011–019 to the batch.)
--
-- A comparison row is one version of the page for a pair of tools, pinned to the two reviews
-- it was written from. Its verdict line lives in `comparison_lines`, one row per revision, so
-- the model's line and an editor's edit sit side by side (as persona_reviews do for answers).
-- A pair has at most one draft and at most one approved version: approving a draft supersedes
-- the approved one in the same transaction. Rows are never deleted.

CREATE TABLE comparisons (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL,                     -- "<tool a slug>-vs-<tool b slug>" when written
  pair_key       TEXT NOT NULL,                     -- "<lower tool id>:<higher tool id>": the pair in either order
  tool_a_id      INTEGER NOT NULL REFERENCES tools (id),
  tool_b_id      INTEGER NOT NULL REFERENCES tools (id),
  review_a_id    TEXT NOT NULL REFERENCES reviews (id),
  review_b_id    TEXT NOT NULL REFERENCES reviews (id),
  status         TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'superseded')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  approved_by    TEXT,
  approved_at    TEXT,
  superseded_by  INTEGER REFERENCES comparisons (id),  -- the version approved in its place
  superseded_at  TEXT,
  CHECK (tool_a_id <> tool_b_id)
);
CREATE UNIQUE INDEX comparisons_one_draft_per_pair ON comparisons (pair_key) WHERE status = 'draft';
CREATE UNIQUE INDEX comparisons_one_approved_per_pair ON comparisons (pair_key) WHERE status = 'approved';
CREATE INDEX comparisons_by_slug ON comparisons (slug, status);

CREATE TRIGGER comparisons_status_moves BEFORE UPDATE OF status ON comparisons
WHEN NEW.status <> OLD.status AND NOT (
  (OLD.status = 'draft' AND NEW.status = 'approved')
  OR (OLD.status = 'approved' AND NEW.status = 'superseded')
)
BEGIN
  SELECT RAISE(ABORT, 'comparison status move not allowed (draft → approved, approved → superseded)');
END;
CREATE TRIGGER comparisons_no_delete BEFORE DELETE ON comparisons
BEGIN
  SELECT RAISE(ABORT, 'comparisons are never deleted: they are superseded');
END;

-- The verdict line's revisions. The current line is the highest revision. A model line records
-- its model, usage and prompt version; an editor's line records its author.
CREATE TABLE comparison_lines (
  id             INTEGER PRIMARY KEY,
  comparison_id  INTEGER NOT NULL REFERENCES comparisons (id),
  revision       INTEGER NOT NULL CHECK (revision >= 1),
  source         TEXT NOT NULL CHECK (source IN ('model', 'editor')),
  author         TEXT NOT NULL,      -- 'engine' or the editor who asked for it; else the editor's name
  text           TEXT NOT NULL,
  model          TEXT,               -- provider:model of a model line
  usage_json     TEXT,               -- Usage (schemas.ts) of the call, re-asks included
  prompt_version TEXT,               -- content hash of prompts/comparison.md
  created_at     TEXT NOT NULL,
  UNIQUE (comparison_id, revision)
);
CREATE TRIGGER comparison_lines_no_update BEFORE UPDATE ON comparison_lines
BEGIN
  SELECT RAISE(ABORT, 'comparison_lines are append-only: add a revision');
END;
CREATE TRIGGER comparison_lines_no_delete BEFORE DELETE ON comparison_lines
BEGIN
  SELECT RAISE(ABORT, 'comparison_lines are append-only: add a revision');
END;

-- Community votes: one row per vote, counted per tool.
CREATE TABLE community_votes (
  id          INTEGER PRIMARY KEY,
  tool_id     INTEGER NOT NULL REFERENCES tools (id),
  vote        TEXT NOT NULL CHECK (vote IN ('ship', 'skip')),
  created_at  TEXT NOT NULL
);
CREATE INDEX community_votes_by_tool ON community_votes (tool_id, created_at);
