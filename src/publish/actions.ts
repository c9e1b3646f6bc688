/**
 * The comparison workflow: write a draft's verdict line with a model, edit it, approve it.
 * Like the editor's desk: only drafts change, an editor's line is never overwritten (a new
 * revision is added and the old one stays), approving supersedes the pair's approved version,
 * and each change is one transaction with its audit row.
 */
import { PanelError, UsageError } from '../errors.js';
import type { Usage } from '../schemas.js';
import { createComparisonQueries, type ComparisonRow, type NewComparison, type Store } from '../store/index.js';
import { buildComparisonPage, comparisonSlug } from './compare.js';
import { resolvePair, type CompareDeps, type CompareOptions, type ResolvedTool } from './resolve.js';
import { MAX_VERDICT_LINE_CHARS, type ComparisonPage } from './schemas.js';
import { COMPARISON_AUDIT, findComparison, pinsReviews, storedComparison, type StoredComparison } from './stored.js';

/** What a model wrote for a page (see `writeVerdictLine`). */
export interface WrittenLine {
  text: string;
  model: string;
  usage: Usage;
  promptVersion: string;
}

export interface SaveDeps extends CompareDeps {
  /** Writes the line for a page with no line yet; the model call happens outside any transaction. */
  writeLine: (page: ComparisonPage) => Promise<WrittenLine>;
  now?: () => Date;
}

export interface SaveOptions extends CompareOptions {
  /** Ask the model again even when the draft already matches these reviews. */
  regenerate?: boolean;
  /** With `regenerate`: replace an editor's line too (the edit stays in the history). */
  force?: boolean;
  /** Who asked (an editor's name), recorded as the author of the model's line; default 'engine'. */
  by?: string;
}

export interface SaveResult {
  /** created: a new draft; rewritten: the draft got a new line; unchanged: nothing to do. */
  outcome: 'created' | 'rewritten' | 'unchanged';
  stored: StoredComparison;
  page: ComparisonPage;
}

const clock = (deps: { now?: () => Date }) => (deps.now ?? (() => new Date()))().toISOString();

function pageWith(deps: CompareDeps, a: ResolvedTool, b: ResolvedTool, stored: StoredComparison | undefined): ComparisonPage {
  return buildComparisonPage({
    tools: [a.side, b.side],
    ...(deps.personas ? { personas: deps.personas } : {}),
    verdictLine: stored?.line ?? null,
  });
}

function pinned(a: ResolvedTool, b: ResolvedTool, at: string): NewComparison {
  return {
    slug: comparisonSlug(a.tool.slug, b.tool.slug),
    toolAId: a.tool.id,
    toolBId: b.tool.id,
    reviewAId: a.side.review.id,
    reviewBId: b.side.review.id,
    at,
  };
}

/**
 * `compare <a> <b> --save`: make sure the pair has a draft whose line was written from these
 * two reviews. Calls the model only when needed (no draft, newer reviews, or `regenerate`).
 */
export async function saveComparison(refA: string, refB: string, deps: SaveDeps, options: SaveOptions = {}): Promise<SaveResult> {
  const { store } = deps;
  const queries = createComparisonQueries(store.db);
  const [a, b] = resolvePair(refA, refB, deps, options);
  const open = queries.openComparisons(a.tool.id, b.tool.id);
  const draft = open.find((row) => row.status === 'draft');
  const approved = open.find((row) => row.status === 'approved');
  const current = [draft, approved].find((row): row is ComparisonRow => row != null && pinsReviews(row, a.side.review.id, b.side.review.id));
  if (!options.regenerate && current != null && (current === draft || draft == null)) {
    const stored = storedComparison(store, current);
    return { outcome: 'unchanged', stored, page: pageWith(deps, a, b, stored) };
  }
  if (options.regenerate && draft != null && !options.force) {
    const line = storedComparison(store, draft).lines.at(-1);
    if (line?.source === 'editor') {
      throw new UsageError(`the draft's verdict line of ${draft.slug} is ${line.author}'s edit: pass --force to replace it (the edit stays in the history)`);
    }
  }
  const written = await deps.writeLine(pageWith(deps, a, b, undefined));
  const author = options.by ?? 'engine';
  const id = store.write(() => {
    // The model took a while: the reviews must still be the ones the line was written from.
    const [again, againB] = resolvePair(refA, refB, deps, options);
    if (again.side.review.id !== a.side.review.id || againB.side.review.id !== b.side.review.id) {
      throw new PanelError('the reviews changed while the verdict line was being written: run the command again');
    }
    const at = clock(deps);
    const existing = queries.openComparisons(a.tool.id, b.tool.id).find((row) => row.status === 'draft');
    const draftId = existing?.id ?? queries.insertDraft(pinned(a, b, at));
    if (existing) queries.repinDraft(existing.id, pinned(a, b, at));
    queries.addLine(draftId, { source: 'model', author, text: written.text, model: written.model, usage: written.usage, promptVersion: written.promptVersion, createdAt: at });
    store.appendAudit({
      reviewId: null,
      at,
      actor: author,
      action: COMPARISON_AUDIT.drafted,
      detail: { comparison: draftId, slug: comparisonSlug(a.tool.slug, b.tool.slug), reviews: [a.side.review.id, b.side.review.id], model: written.model },
    });
    return draftId;
  });
  const row = queries.comparison(id);
  if (row == null) throw new PanelError(`comparison ${id} vanished`);
  const stored = storedComparison(store, row);
  return { outcome: draft == null ? 'created' : 'rewritten', stored, page: pageWith(deps, a, b, stored) };
}

/** The editor's line, checked: one line, not empty, not too long. */
export function checkVerdictLine(text: string): string {
  const line = text.trim();
  if (line === '') throw new UsageError('the verdict line is empty');
  if (/[\r\n]/.test(line)) throw new UsageError('the verdict line must be one line');
  if (line.length > MAX_VERDICT_LINE_CHARS) throw new UsageError(`the verdict line has ${line.length} characters; keep it to ${MAX_VERDICT_LINE_CHARS}`);
  return line;
}

function requireName(by: string): string {
  const name = by.trim();
  if (name === '') throw new UsageError('an editor name is needed: pass --by NAME or set EDITOR_NAME', { kind: 'missing-editor' });
  return name;
}

/** Adds the editor's line to `row` (inside a write); an approved version is reopened as a new draft first. Returns the draft's id. */
function addEditorLine(store: Store, row: ComparisonRow, previous: string | null, line: string, editor: string, at: string): number {
  const queries = createComparisonQueries(store.db);
  let draftId = row.id;
  if (row.status === 'approved') {
    const other = queries.openComparisons(row.toolAId, row.toolBId).find((each) => each.status === 'draft');
    if (other) throw new UsageError(`the pair already has a draft, ${other.slug}: edit that one`);
    draftId = queries.insertDraft({ slug: row.slug, toolAId: row.toolAId, toolBId: row.toolBId, reviewAId: row.reviewAId, reviewBId: row.reviewBId, at });
    queries.copyLines(row.id, draftId);
  }
  queries.addLine(draftId, { source: 'editor', author: editor, text: line, model: null, usage: null, promptVersion: null, createdAt: at });
  store.appendAudit({
    reviewId: null,
    at,
    actor: editor,
    action: COMPARISON_AUDIT.edited,
    detail: { comparison: draftId, slug: row.slug, from: previous, to: line, ...(draftId !== row.id ? { reopened: row.id } : {}) },
  });
  return draftId;
}

function storedById(store: Store, id: number): StoredComparison {
  const row = createComparisonQueries(store.db).comparison(id);
  if (row == null) throw new PanelError(`comparison ${id} vanished`);
  return storedComparison(store, row);
}

/**
 * `compare edit <slug> --verdict-line TEXT`: the editor's line as a new revision of the draft
 * (the model's stays beside it). An approved comparison without a draft is reopened: a new
 * draft pinned to the same reviews, carrying the approved version's line history.
 */
export function editComparison(store: Store, slug: string, text: string, by: string, now?: () => Date): StoredComparison {
  const editor = requireName(by);
  const line = checkVerdictLine(text);
  const id = store.write(() => {
    const found = findComparison(store, slug);
    const { row } = found;
    if (row.status === 'superseded') throw new UsageError(`comparison ${row.slug} was superseded; edit the pair's current version`);
    if (found.line.text === line) throw new UsageError(`the verdict line of ${row.slug} already reads so`);
    return addEditorLine(store, row, found.line.text, line, editor, clock({ ...(now ? { now } : {}) }));
  });
  return storedById(store, id);
}

export interface LineResult {
  /** created: a new draft whose first line is the editor's; edited: a line added to the pair's version. */
  outcome: 'created' | 'edited';
  stored: StoredComparison;
  page: ComparisonPage;
}

/**
 * `compare edit <a> <b> --verdict-line TEXT`: the editor's line for two tools as they stand,
 * with no model and no key, so a page can be finished by hand. The pair's version pinned to
 * these reviews gets the line as `editComparison` would; otherwise the pair's draft is
 * re-pinned to them, or a new draft is made, with the editor's line as its current one (its
 * disclosure reads "Written by an editor").
 */
export function writeComparisonLine(refA: string, refB: string, text: string, by: string, deps: CompareDeps & { now?: () => Date }, options: CompareOptions = {}): LineResult {
  const { store } = deps;
  const editor = requireName(by);
  const line = checkVerdictLine(text);
  const queries = createComparisonQueries(store.db);
  const result = store.write(() => {
    const [a, b] = resolvePair(refA, refB, deps, options);
    const at = clock(deps);
    const open = queries.openComparisons(a.tool.id, b.tool.id);
    const draft = open.find((row) => row.status === 'draft');
    const approved = open.find((row) => row.status === 'approved');
    const current = [draft, approved].find((row): row is ComparisonRow => row != null && pinsReviews(row, a.side.review.id, b.side.review.id));
    if (current != null && (current === draft || draft == null)) {
      const found = storedComparison(store, current);
      if (found.line.text === line) throw new UsageError(`the verdict line of ${current.slug} already reads so`);
      return { outcome: 'edited' as const, id: addEditorLine(store, current, found.line.text, line, editor, at), a, b };
    }
    const draftId = draft?.id ?? queries.insertDraft(pinned(a, b, at));
    if (draft) queries.repinDraft(draft.id, pinned(a, b, at));
    queries.addLine(draftId, { source: 'editor', author: editor, text: line, model: null, usage: null, promptVersion: null, createdAt: at });
    store.appendAudit({
      reviewId: null,
      at,
      actor: editor,
      action: draft ? COMPARISON_AUDIT.edited : COMPARISON_AUDIT.drafted,
      detail: { comparison: draftId, slug: comparisonSlug(a.tool.slug, b.tool.slug), reviews: [a.side.review.id, b.side.review.id], model: null, to: line },
    });
    return { outcome: draft ? ('edited' as const) : ('created' as const), id: draftId, a, b };
  });
  const stored = storedById(store, result.id);
  return { outcome: result.outcome, stored, page: pageWith(deps, result.a, result.b, stored) };
}

/**
 * `compare approve <slug>`: publish the draft. Both of its reviews must be their tools'
 * approved reviews; the pair's approved version, if any, is superseded in the same transaction.
 */
export function approveComparison(store: Store, slug: string, by: string, now?: () => Date): StoredComparison {
  const editor = requireName(by);
  const queries = createComparisonQueries(store.db);
  const id = store.write(() => {
    const found = findComparison(store, slug);
    const { row } = found;
    if (row.status !== 'draft') {
      throw new UsageError(`comparison ${row.slug} is ${row.status}, not a draft: write a new draft with compare <a> <b> --save, or edit its line`);
    }
    if (found.stale) throw new UsageError(`comparison ${row.slug} is out of date: ${found.stale}`);
    if (found.draftReviews.length > 0) {
      const ids = found.draftReviews.map((review) => review.slice(0, 8)).join(', ');
      throw new UsageError(`comparison ${row.slug} shows draft reviews (${ids}): approve them first (npm run drafts -- approve ID)`);
    }
    const at = clock({ ...(now ? { now } : {}) });
    for (const old of queries.openComparisons(row.toolAId, row.toolBId).filter((each) => each.status === 'approved')) {
      queries.supersede(old.id, row.id, at);
      store.appendAudit({ reviewId: null, at, actor: editor, action: COMPARISON_AUDIT.superseded, fromStatus: 'approved', toStatus: 'superseded', detail: { comparison: old.id, slug: old.slug, by: row.id } });
    }
    queries.approve(row.id, editor, at);
    store.appendAudit({ reviewId: null, at, actor: editor, action: COMPARISON_AUDIT.approved, fromStatus: 'draft', toStatus: 'approved', detail: { comparison: row.id, slug: row.slug, line: found.line.text } });
    return row.id;
  });
  return storedById(store, id);
}
