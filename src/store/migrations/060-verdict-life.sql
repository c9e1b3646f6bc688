-- 060: a verdict's life after publication (issue 13) and confidence routing (issue 14).
--
-- `origin` says why a draft exists: a first review ('new'), a re-review of a published tool
-- ('re-review', batch --stale), or an editor's correction of a published review ('correction').
-- `amends` is the published review a re-review or correction would replace; approving it
-- supersedes that one as any approval does (003's one-approved-per-tool index).
-- `attention` copies review_json's routing.attention so the queue can order by it.
ALTER TABLE reviews ADD COLUMN origin TEXT NOT NULL DEFAULT 'new' CHECK (origin IN ('new', 're-review', 'correction'));
ALTER TABLE reviews ADD COLUMN amends TEXT REFERENCES reviews (id);
ALTER TABLE reviews ADD COLUMN attention TEXT CHECK (attention IN ('routine', 'needs-attention'));
CREATE INDEX reviews_by_amends ON reviews (amends) WHERE amends IS NOT NULL;
