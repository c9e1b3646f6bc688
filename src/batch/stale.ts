/**
 * `batch --stale`: the published tools, each read again once (no model call), re-reviewed
 * only when what it read changed meaningfully (freshness/) or the prompts or personas changed
 * since. The run itself is an ordinary batch run (locks, claims, budget, resume, progress):
 * this module supplies its source (the store's published tools) and its per-tool step.
 *
 * Which tools: every tool with an approved review whose newest review (any status) is older
 * than `--older-than` (all of them without it). Left alone: tools with only drafts (they are
 * in the editor's queue already), and tools whose published review has a re-review draft
 * waiting for the editor (one open re-review per published review).
 * Compared with: the published review's sources, or those of a newer re-review of it an
 * editor rejected (the editor saw that content and kept the verdict).
 */
import type { Engine } from '../engine/index.js';
import { describeError, PanelError } from '../errors.js';
import { changedKinds, sourceRecords, storedSources, targetOf, versionChanges, type Versions } from '../freshness/index.js';
import { intake } from '../intake/index.js';
import { runReview, type ReviewOptions } from '../review/index.js';
import type { IntakeSource, Review } from '../schemas.js';
import { createReviewSourceQueries, type BatchItemRow, type PublishedTool, type Store } from '../store/index.js';
import type { EmitEvent } from './events.js';
import type { ItemSkip } from './scheduler.js';
import type { BatchSource } from './sources.js';

/** Item reasons this module writes, so the summary can count them (batch_items.reason). */
export const UNCHANGED = 'unchanged';
export const REREAD_FAILED = 'could not read it again';

export interface StaleOptions {
  /** `--older-than` as given ("30d"), null for every published tool. */
  olderThan: string | null;
  olderThanMs: number | null;
}

export interface StaleSelection {
  source: BatchSource;
  candidates: Map<string, PublishedTool>;
  counts: { published: number; tooRecent: number; awaitingEditor: number; draftsOnly: number };
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `30d`, `12h`, `2w`, `90m` → milliseconds; null for anything else. */
export function parseDuration(raw: string): number | null {
  const match = /^(\d{1,6})([mhdw])$/.exec(raw.trim());
  if (match == null || Number(match[1]) === 0) return null;
  return Number(match[1]) * (UNITS[match[2] as string] as number);
}

export const staleLocation = (options: StaleOptions): string => `stale${options.olderThan ? ` --older-than ${options.olderThan}` : ''}`;

export function selectStale(store: Store, options: StaleOptions, now: Date): StaleSelection {
  const queries = createReviewSourceQueries(store.db);
  const published = queries.publishedTools();
  const cutoff = options.olderThanMs == null ? null : now.getTime() - options.olderThanMs;
  const candidates = new Map<string, PublishedTool>();
  let tooRecent = 0;
  let awaitingEditor = 0;
  for (const tool of published) {
    if (tool.pendingReReview != null) awaitingEditor += 1;
    else if (cutoff != null && Date.parse(tool.latestReviewAt) >= cutoff) tooRecent += 1;
    else candidates.set(tool.url, tool);
  }
  const tools = [...candidates.values()].map((tool) => ({ url: tool.url, target: targetOf(store, tool.publishedId, tool.url), name: tool.name }));
  const warnings = awaitingEditor > 0 ? [`${awaitingEditor} published tools have a re-review draft waiting for the editor: left alone`] : [];
  return {
    source: { kind: 'stale', location: staleLocation(options), tools, duplicates: 0, warnings },
    candidates,
    counts: { published: published.length, tooRecent, awaitingEditor, draftsOnly: queries.draftOnlyTools() },
  };
}

export interface StaleCheck {
  source: IntakeSource;
  /** Why it needs a re-review ([] when it does not). */
  reasons: string[];
}

/** Reads the tool again (one fetch) and compares it with its baseline; throws a one-line PanelError when the read fails. */
export async function checkTool(store: Store, tool: PublishedTool, target: string, deps: { engine: Engine; versions: Versions; signal?: AbortSignal }): Promise<StaleCheck> {
  let source: IntakeSource;
  try {
    source = await intake(target, { config: deps.engine.config, signal: deps.signal });
  } catch (error) {
    if (deps.signal?.aborted) throw error;
    throw new PanelError(`${REREAD_FAILED}: ${describeError(error)}`, { cause: error });
  }
  const { changed, noBaseline } = changedKinds(storedSources(store, tool.baselineId), sourceRecords(source));
  const versions = versionChanges({ prompts: tool.baselinePromptVersion, personas: tool.baselinePersonaVersions }, deps.versions);
  const reasons = [
    ...(noBaseline ? ['no stored sources to compare with'] : changed.map((kind) => `${kind} changed`)),
    ...versions.map((what) => `${what} version changed`),
  ];
  return { source, reasons };
}

/**
 * The per-tool step of a stale run: read again, compare, and either skip it as unchanged (one
 * fetch, no model call) or re-review it from what was just read (no second fetch), as a draft
 * amending the published review.
 */
export function staleReviewer(candidates: Map<string, PublishedTool>, deps: { versions: Versions; emit: EmitEvent; now: () => Date }) {
  return async (item: BatchItemRow, signal: AbortSignal, engine: Engine<Store>, options: ReviewOptions): Promise<Review | ItemSkip> => {
    const tool = candidates.get(item.url);
    if (tool == null) return { skipped: 'no longer a published tool without a pending re-review', reviewId: null };
    const check = await checkTool(engine.store, tool, item.target, { engine, versions: deps.versions, signal });
    if (check.reasons.length === 0) return { skipped: `${UNCHANGED} since review ${tool.baselineId.slice(0, 8)}`, reviewId: tool.publishedId };
    deps.emit({ event: 'tool-changed', url: item.url, reasons: check.reasons, amends: tool.publishedId });
    return runReview(item.target, options, engine, { signal, source: check.source, draft: { origin: 're-review', amends: tool.publishedId } });
  };
}

export interface StaleSummary {
  olderThan: string | null;
  /** Tools with a published review. */
  published: number;
  /** Left out: reviewed within --older-than. */
  tooRecent: number;
  /** Left out: a re-review draft of theirs is waiting for the editor. */
  awaitingEditor: number;
  /** Tools with drafts only (nothing published): not checked, they are in the editor's queue. */
  draftsOnly: number;
  /** Read again (successfully or not). */
  checked: number;
  /** Found changed (sources or versions): re-reviewed, or their re-review failed. */
  changed: number;
  reReviewed: number;
  unchanged: number;
  /** Could not be read again: reported, not re-reviewed, nothing written. */
  failed: number;
  /** Changed, but the re-review itself failed (a model error). */
  reviewFailed: number;
}

export function summariseStale(items: readonly BatchItemRow[], selection: Pick<StaleSelection, 'counts'>, options: StaleOptions): StaleSummary {
  const count = (predicate: (item: BatchItemRow) => boolean) => items.filter(predicate).length;
  const reReviewed = count((item) => item.state === 'done');
  const unchanged = count((item) => item.state === 'skipped' && (item.reason ?? '').startsWith(UNCHANGED));
  const failed = count((item) => item.state === 'failed' && (item.reason ?? '').startsWith(REREAD_FAILED));
  const reviewFailed = count((item) => item.state === 'failed') - failed;
  return {
    olderThan: options.olderThan,
    ...selection.counts,
    checked: reReviewed + unchanged + failed + reviewFailed,
    changed: reReviewed + reviewFailed,
    reReviewed,
    unchanged,
    failed,
    reviewFailed,
  };
}

/** The tools a stale run does not check, in one line (the run's report and the dry run). */
export function leftAlone(counts: StaleSelection['counts']): string {
  return `  left alone: ${counts.tooRecent} reviewed recently · ${counts.awaitingEditor} with a re-review waiting for the editor · ${counts.draftsOnly} tools with drafts only (not published)`;
}

export function formatStaleSummary(summary: StaleSummary): string {
  const scope = summary.olderThan ? `published tools last reviewed over ${summary.olderThan} ago` : 'every published tool';
  const out = [
    `  freshness (${scope}): checked ${summary.checked} · changed ${summary.changed} · re-reviewed ${summary.reReviewed} · unchanged ${summary.unchanged} · failed ${summary.failed}` +
      `${summary.reviewFailed ? ` (+${summary.reviewFailed} re-reviews failed)` : ''}`,
    leftAlone(summary),
  ];
  return `${out.join('\n')}\n`;
}
