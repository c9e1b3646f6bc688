/**
 * Finding the review an editor means, and the one-line refusals every desk action shares:
 * unknown or ambiguous reference, wrong state, unknown persona, missing editor name.
 */
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import { DeskError, StaleRevisionError } from './desk-errors.js';
import type { PersonaRevision, ReviewState, ReviewSummary, Store } from '../store/index.js';

/** Shortest id prefix accepted, so a typo of two characters cannot pick a review by luck. */
export const MIN_PREFIX = 4;
const SHOWN_CANDIDATES = 5;

/** The first 8 characters of an id: what the desk prints and accepts back. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Each candidate as "<id prefix> (tool, status, date)", the prefixes long enough to tell them apart. */
function describeAll(summaries: readonly ReviewSummary[]): string {
  let length = 8;
  const clash = () => new Set(summaries.map((summary) => summary.id.slice(0, length))).size < summaries.length;
  while (clash() && summaries.some((summary) => summary.id.length > length)) length++;
  return summaries
    .map((summary) => `${summary.id.slice(0, length)} (${summary.tool.name}, ${summary.status}, ${summary.createdAt.slice(0, 10)})`)
    .join(', ');
}

/**
 * A full id, a unique id prefix (4+ characters, case-insensitive for the usual lowercase ids)
 * or a tool slug (its newest review, whatever the status).
 */
export function resolveReview(store: Store, ref: string): ReviewSummary {
  const wanted = ref.trim();
  if (wanted === '') throw new UsageError('give a review id, a unique id prefix (4+ characters) or a tool slug');
  const prefixes = [...new Set([wanted, wanted.toLowerCase()])];
  const byPrefix = dedupe(prefixes.flatMap((idPrefix) => store.findReviews({ idPrefix })));
  const exact = byPrefix.find((summary) => summary.id === wanted);
  if (exact) return exact;
  const bySlug = store.findReviews({ slug: wanted.toLowerCase() })[0];
  const candidates = dedupe([...(wanted.length >= MIN_PREFIX ? byPrefix : []), ...(bySlug ? [bySlug] : [])]);
  if (candidates.length === 1) return candidates[0] as ReviewSummary;
  if (candidates.length > 1) {
    const shown = describeAll(candidates.slice(0, SHOWN_CANDIDATES));
    const more = candidates.length > SHOWN_CANDIDATES ? ` and ${candidates.length - SHOWN_CANDIDATES} more` : '';
    throw new UsageError(`"${wanted}" matches ${candidates.length} reviews: ${shown}${more} — give more of the id`);
  }
  if (byPrefix.length > 0) {
    throw new UsageError(`"${wanted}" is too short: an id prefix needs at least ${MIN_PREFIX} characters`);
  }
  const recent = [...new Set(store.listReviews({ limit: 20 }).map((summary) => summary.tool.slug))].slice(0, SHOWN_CANDIDATES);
  const hint = recent.length > 0 ? ` (recent tools: ${recent.join(', ')})` : ' (the database has no reviews yet)';
  throw new DeskError('not-found', `no review matches "${wanted}": give a review id, a unique id prefix (4+ characters) or a tool slug${hint}`);
}

function dedupe(summaries: ReviewSummary[]): ReviewSummary[] {
  const seen = new Set<string>();
  return summaries.filter((summary) => !seen.has(summary.id) && Boolean(seen.add(summary.id)));
}

/** The review's state, refusing anything but a draft: "review 3f2a1b2c (Aider) is approved, not a draft". */
export function requireDraft(store: Store, summary: ReviewSummary, action: string): ReviewState {
  const state = store.reviewState(summary.id);
  if (state == null) throw new DeskError('not-found', `review ${shortId(summary.id)} no longer exists`);
  if (state.status !== 'draft') {
    throw new DeskError(
      'conflict',
      `review ${shortId(summary.id)} (${summary.tool.name}) is ${state.status}, not a draft: only drafts can be ${action}`,
    );
  }
  return state;
}

/**
 * The review is still at the revision the editor saw (`expected`), or a refusal saying what
 * changed since. No `expected` (a CLI call without --revision, a script): the current one.
 */
export function requireRevision(state: ReviewState, expected: number | undefined, summary: ReviewSummary, action: string): void {
  if (expected === undefined || expected === state.revision) return;
  const last = state.updatedAt.replace('T', ' ').slice(0, 19);
  throw new StaleRevisionError(
    `review ${shortId(summary.id)} (${summary.tool.name}) changed since you looked: you ${action} revision ${expected}, it is now at revision ${state.revision} (last change ${last} UTC) — nothing was saved; look at it again, then retry`,
    expected,
    state.revision,
  );
}

/** The persona's current revision, or a refusal listing the review's panel. */
export function requirePersona(current: readonly PersonaRevision[], persona: string, reviewId: string): PersonaRevision {
  const wanted = persona.trim().toLowerCase();
  const found = current.find((revision) => revision.persona === wanted);
  if (found) return found;
  const panel = current.map((revision) => revision.persona).join(', ');
  throw new UsageError(`review ${shortId(reviewId)} has no persona "${persona}" (its panel: ${panel})`);
}

/** Names the engine and the batch write under; an editor may not act as them. */
const RESERVED_ACTORS = new Set(['engine', 'batch']);

/** The acting editor's name, checked: present, one line, not a machine's. */
export function requireEditor(by: string | undefined): string {
  const name = by?.trim() ?? '';
  if (name === '') throw new UsageError('an editor name is needed: pass --by NAME or set EDITOR_NAME', { kind: 'missing-editor' });
  if (/[\r\n]/.test(name) || name.length > 80) throw new UsageError('an editor name must be one line of at most 80 characters');
  if (RESERVED_ACTORS.has(name.toLowerCase())) throw new UsageError(`"${name}" is reserved for the engine; use your own name`);
  return name;
}

/** `--by NAME`, else `EDITOR_NAME`, checked by `requireEditor`. */
export function editorName(given: string | undefined, config: Pick<Config, 'editor'>): string {
  return requireEditor(given ?? config.editor.name);
}
