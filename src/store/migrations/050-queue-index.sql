-- 050: the draft queue's order as an index. `drafts list` (and the web queue) show one page of
-- drafts, incomplete first, then flagged, then newest; without this index SQLite read every
-- review row (each several kB: the stored JSON and page excerpt) to sort them, ~75 ms at
-- 10,000 drafts, where the index gives the page in ~1 ms. The expression must stay the same
-- as QUEUE_ORDER in src/store/reviews.ts for SQLite to use it.
CREATE INDEX reviews_queue ON reviews (
  status,
  ((complete = 1) * 2 + (json_array_length(flags_json) = 0)),
  created_at DESC
);
