-- 062: a published review never changes, so its tool's verdict history can be derived from
-- the reviews themselves (src/store/publications.ts) and needs no table of its own.
--
-- The desk already changes drafts only; these triggers make the database refuse the same, so
-- no later code path can rewrite what was once published (and with it the history). A
-- correction or re-review is a new draft (`origin`, `amends` of 060) that supersedes the
-- published one when approved. No table, no data moved: existing rows already qualify.
CREATE TRIGGER published_panel_fixed BEFORE UPDATE OF verdict, label, ship_count, skip_count, ship_percent, mean_score, complete ON reviews
WHEN OLD.status <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'a published review''s panel never changes: correct it with a new draft');
END;
CREATE TRIGGER published_approval_fixed BEFORE UPDATE OF approved_at, approved_by, origin, amends, tool_id ON reviews
WHEN OLD.status <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'a published review''s approval never changes');
END;
CREATE TRIGGER published_answers_fixed BEFORE INSERT ON persona_reviews
WHEN (SELECT status FROM reviews WHERE id = NEW.review_id) IN ('approved', 'superseded')
BEGIN
  SELECT RAISE(ABORT, 'a published review''s answers never change: correct it with a new draft');
END;
CREATE TRIGGER published_profile_fixed BEFORE INSERT ON profile_edits
WHEN (SELECT status FROM reviews WHERE id = NEW.review_id) IN ('approved', 'superseded')
BEGIN
  SELECT RAISE(ABORT, 'a published review''s profile never changes: correct it with a new draft');
END;
