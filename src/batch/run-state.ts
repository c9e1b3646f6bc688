/**
 * Which run this invocation belongs to, and what is left to do in it.
 *
 * A run is identified by its key: the resolved source plus the options that change what is
 * reviewed (models, --force). While a run with that key is open ('running' — also what a
 * killed process leaves — or 'interrupted'), the same command resumes it: done, failed and
 * skipped items stay as they are; items left 'running' by a killed process are started again
 * (their attempts count up, and after MAX_ATTEMPTS starts an item is failed instead, so one
 * tool that kills the process cannot block the run forever); tools new in the source (a feed
 * grew) join the run. A finished run ('done', or 'budget') is closed: the next invocation
 * starts a new run, whose skip check passes over everything already reviewed.
 */
import { createHash } from 'node:crypto';
import type { BatchItemRow, BatchQueries, NewBatchItem } from '../store/index.js';
import type { BatchSource, BatchTool } from './sources.js';

export const MAX_ATTEMPTS = 5;

export interface RunIdentity {
  location: string;
  model: string | undefined;
  personaModels: Record<string, string>;
  force: boolean;
}

export function runKey(identity: RunIdentity): string {
  const personaModels = Object.entries(identity.personaModels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([identity.location, identity.model ?? null, personaModels, identity.force]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface Versions {
  prompts: string;
  personas: Record<string, string>;
}

export interface PrepareOptions {
  identity: RunIdentity;
  /** The invocation's options, stored with a new run for the record. */
  options: Record<string, unknown>;
  limit: number | undefined;
  versions: Versions;
  at: string;
}

export interface PreparedRun {
  runId: number;
  resumed: boolean;
  /** Every item of the run, in source order. */
  items: BatchItemRow[];
  /** What this invocation has to do: queued items and ones a killed process left running. */
  todo: BatchItemRow[];
  /** Items given up on now, after MAX_ATTEMPTS unfinished starts. */
  gaveUp: number;
}

/** The tools the run does not have yet, as new items: skipped (reviewed already) or queued within --limit. */
function newItems(
  queries: BatchQueries,
  runId: number,
  tools: BatchTool[],
  existing: BatchItemRow[],
  options: PrepareOptions,
): NewBatchItem[] {
  const known = new Set(existing.map((item) => item.url));
  let counted = existing.filter((item) => item.state !== 'skipped').length;
  let position = existing.reduce((max, item) => Math.max(max, item.position), -1);
  const rows: NewBatchItem[] = [];
  for (const tool of tools) {
    if (known.has(tool.url)) continue;
    const base = { runId, url: tool.url, target: tool.target, name: tool.name };
    const prior = options.identity.force ? undefined : queries.priorReview(tool.url, options.versions);
    if (prior != null) {
      position += 1;
      rows.push({ ...base, position, state: 'skipped', reviewId: prior, reason: 'already reviewed with the same prompt and persona versions' });
      continue;
    }
    // Past --limit the tool is left out of this run altogether; a later run picks it up.
    if (options.limit != null && counted >= options.limit) continue;
    counted += 1;
    position += 1;
    rows.push({ ...base, position, state: 'queued' });
  }
  return rows;
}

export function prepareRun(queries: BatchQueries, source: BatchSource, options: PrepareOptions): PreparedRun {
  const key = runKey(options.identity);
  const open = queries.findOpenRun(key);
  let runId: number;
  if (open != null) {
    runId = open.id;
    queries.reopenRun(runId, options.at);
  } else {
    runId = queries.createRun({ runKey: key, source: source.location, sourceKind: source.kind, options: options.options, at: options.at });
  }
  const existing = queries.items(runId);
  queries.addItems(newItems(queries, runId, source.tools, existing, options), options.at);

  let gaveUp = 0;
  for (const item of queries.items(runId)) {
    if (item.state === 'running' && item.attempts >= MAX_ATTEMPTS) {
      // Mark it running→failed through the normal path (failItem only moves running items).
      queries.failItem(item.id, `gave up after ${item.attempts} starts that never finished (the process was killed each time)`, options.at);
      gaveUp += 1;
    }
  }
  const items = queries.items(runId);
  const todo = items.filter((item) => item.state === 'queued' || item.state === 'running');
  return { runId, resumed: open != null, items, todo, gaveUp };
}
