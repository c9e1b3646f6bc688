-- The page text the panel saw, kept beside each draft so one persona can be regenerated later
-- from exactly the same input (the profile is in review_json). Untrusted text: never rendered
-- unescaped, only ever sent to models inside the untrusted-data fence.
ALTER TABLE reviews ADD COLUMN page_excerpt TEXT;
