-- 041: editors' decisions on grounding claims (issue 12), and the profile texts an editor
-- rewrote to take an unsupported claim out.
--
-- A review's unsupported claims (review_json's grounding.claims) each need a decision before
-- the review can be approved: accepted (with the editor's reason) or removed. Both tables are
-- append-only, like persona revisions: the latest row for a claim (or a profile field) is the
-- one in force, and the earlier ones stay as the history of who decided what.
CREATE TABLE claim_decisions (
  id         INTEGER PRIMARY KEY,
  review_id  TEXT NOT NULL REFERENCES reviews (id),
  claim_id   TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('accepted', 'removed')),
  -- Required for 'accepted': why the editor lets the claim stand without a source.
  reason     TEXT CHECK (action <> 'accepted' OR (reason IS NOT NULL AND length(trim(reason)) > 0)),
  editor     TEXT NOT NULL,
  at         TEXT NOT NULL
);
CREATE INDEX claim_decisions_by_review ON claim_decisions (review_id, claim_id, id);

-- The tagline or description as an editor rewrote it (`review_json` keeps the model's text).
-- Persona quotes need no such table: an edited quote is a persona revision.
CREATE TABLE profile_edits (
  id         INTEGER PRIMARY KEY,
  review_id  TEXT NOT NULL REFERENCES reviews (id),
  field      TEXT NOT NULL CHECK (field IN ('tagline', 'description')),
  text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
  editor     TEXT NOT NULL,
  at         TEXT NOT NULL
);
CREATE INDEX profile_edits_by_review ON profile_edits (review_id, field, id);

CREATE TRIGGER claim_decisions_no_delete BEFORE DELETE ON claim_decisions
BEGIN
  SELECT RAISE(ABORT, 'claim_decisions are append-only: record a new decision');
END;
CREATE TRIGGER claim_decisions_no_update BEFORE UPDATE ON claim_decisions
BEGIN
  SELECT RAISE(ABORT, 'claim_decisions are append-only: record a new decision');
END;
CREATE TRIGGER profile_edits_no_delete BEFORE DELETE ON profile_edits
BEGIN
  SELECT RAISE(ABORT, 'profile_edits are append-only: add a new edit');
END;
CREATE TRIGGER profile_edits_no_update BEFORE UPDATE ON profile_edits
BEGIN
  SELECT RAISE(ABORT, 'profile_edits are append-only: add a new edit');
END;
