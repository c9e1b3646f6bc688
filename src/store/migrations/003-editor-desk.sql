-- 003: the editor's desk. Decisions on a review (who approved or rejected it, when, why, and
-- which review superseded it), the review's running usage once a persona is regenerated, and
-- guards that keep history honest even against a buggy caller.
--
-- Editor edits and regenerated answers need no new table: they are new persona_reviews rows
-- (revision n+1, source 'editor' or 'model', author = the editor), as 001 planned.

-- The review's total usage once it differs from the engine's (a regenerated persona adds its
-- call); null means `review_json`'s own `usage`. The token and cost columns follow it.
ALTER TABLE reviews ADD COLUMN usage_json TEXT;

-- Decisions. Set together with the status move (and its audit row) in one transaction.
ALTER TABLE reviews ADD COLUMN approved_by TEXT;
ALTER TABLE reviews ADD COLUMN approved_at TEXT;
ALTER TABLE reviews ADD COLUMN rejected_by TEXT;
ALTER TABLE reviews ADD COLUMN rejected_at TEXT;
ALTER TABLE reviews ADD COLUMN reject_reason TEXT;
-- The approved review that replaced this one on the site.
ALTER TABLE reviews ADD COLUMN superseded_by TEXT REFERENCES reviews (id);
ALTER TABLE reviews ADD COLUMN superseded_at TEXT;

-- A tool has at most one published review: approving a new one must supersede the old one in
-- the same transaction, and two editors (or processes) approving at once cannot both win.
CREATE UNIQUE INDEX reviews_one_approved_per_tool ON reviews (tool_id) WHERE status = 'approved';

-- The only status moves the workflow has. Anything else is a bug, refused at the source.
CREATE TRIGGER reviews_status_moves BEFORE UPDATE OF status ON reviews
WHEN NEW.status <> OLD.status AND NOT (
  (OLD.status = 'draft' AND NEW.status IN ('approved', 'rejected'))
  OR (OLD.status = 'approved' AND NEW.status = 'superseded')
)
BEGIN
  SELECT RAISE(ABORT, 'review status move not allowed (draft → approved/rejected, approved → superseded)');
END;

-- `review_json` is the engine's output exactly as produced; editors' changes live in revisions.
CREATE TRIGGER reviews_json_fixed BEFORE UPDATE OF review_json ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews.review_json is the engine''s original: add a persona revision instead');
END;

-- Reviews are never deleted (they are rejected or superseded), and neither are revisions.
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'reviews are never deleted: reject or supersede them');
END;
CREATE TRIGGER persona_reviews_no_delete BEFORE DELETE ON persona_reviews
BEGIN
  SELECT RAISE(ABORT, 'persona_reviews are append-only: add a revision');
END;
