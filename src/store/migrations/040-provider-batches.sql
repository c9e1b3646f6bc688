-- 040: provider batches (OpenAI Batch, Anthropic Message Batches, Gemini batch mode) of a batch
-- run in `--mode batch-api`, and one row per request in them. What makes a kill safe:
--
-- * A request is identified by `custom_id`, a hash of the run, the model spec and the request
--   body: the same call of the same run always gets the same id, so a re-run finds it here.
-- * Before anything is sent, the batch row ('submitting', no provider id yet) and its items are
--   written in one transaction; the provider's batch id is written as soon as submit returns
--   ('submitted'). A row still 'submitting' after a kill may or may not exist at the provider:
--   it is never submitted again (its items go to the online path; see batch/provider-batches).
-- * Each item's outcome is written when the batch's results are read, before any tool uses it,
--   so a re-run takes it from here and the request is paid once.

CREATE TABLE provider_batches (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES batch_runs (id),
  model        TEXT NOT NULL,               -- `provider:model`
  batch_id     TEXT,                        -- the provider's id; NULL while 'submitting'
  -- submitting: written before submit (a kill here leaves it, see above); submitted: the
  -- provider has it; collected: every item's outcome is stored; failed: submit was refused;
  -- abandoned: a 'submitting' row found by a later process (never resubmitted).
  state        TEXT NOT NULL CHECK (state IN ('submitting', 'submitted', 'collected', 'failed', 'abandoned')),
  provider_state TEXT,                      -- the provider's last status (raw), for the record
  requests     INTEGER NOT NULL,
  reason       TEXT,
  created_at   TEXT NOT NULL,
  submitted_at TEXT,
  finished_at  TEXT,
  CHECK (state NOT IN ('submitted', 'collected') OR batch_id IS NOT NULL)
);
CREATE INDEX provider_batches_open ON provider_batches (run_id, state);

CREATE TABLE provider_batch_items (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES batch_runs (id),
  batch        INTEGER NOT NULL REFERENCES provider_batches (id),
  custom_id    TEXT NOT NULL,
  model        TEXT NOT NULL,
  -- pending: submitted (or submitting), no outcome yet; ok: result_json holds the ChatResult;
  -- error: the item's own error (error_json), recorded as that call's failure; not-run: it
  -- expired, was cancelled or its batch failed: the online path answers it.
  state        TEXT NOT NULL CHECK (state IN ('pending', 'ok', 'error', 'not-run')),
  result_json  TEXT,
  error_json   TEXT,
  cost_usd     REAL,                        -- ok/error: priced at the batch rate, once
  finished_at  TEXT,
  UNIQUE (run_id, custom_id)
);
CREATE INDEX provider_batch_items_by_batch ON provider_batch_items (batch, state);
