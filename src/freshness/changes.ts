/**
 * "What changed since the published review": for a re-review draft, why it was made (its
 * sources or the prompt/persona versions differ from the published review's), the source
 * diffs and the verdict diff. The desk shows it (CLI `drafts show`, the web draft page).
 */
import { createReviewSourceQueries, type Store } from '../store/index.js';
import type { Review } from '../schemas.js';
import { compareSources, versionChanges } from './compare.js';
import { diffSources, diffVerdicts, type SourceDiff, type VerdictDiff } from './diff.js';
import { NORMALISER_VERSION, normaliseText } from './normalise.js';
import { hashText, refetchTarget, SOURCE_KINDS, SOURCE_TEXT_CAP, type SourceKind, type SourceRecord } from './records.js';

export interface StoredSources {
  records: SourceRecord[];
  /**
   * True when the review was made before sources were hashed (migration 063): only its page
   * text is known (from the page excerpt), so only that kind can be compared.
   */
  partial: boolean;
}

const isKind = (kind: string): kind is SourceKind => (SOURCE_KINDS as readonly string[]).includes(kind);

/** Where a review's tool is read again: its stored target, the batch item's, else the tool's key. */
export function targetOf(store: Store, reviewId: string, toolKey: string): string {
  const queries = createReviewSourceQueries(store.db);
  const stored = queries.sources(reviewId)[0]?.target ?? queries.batchTarget(reviewId);
  if (stored != null) return refetchTarget(stored);
  return toolKey.startsWith('file:') ? toolKey.slice('file:'.length) : toolKey;
}

/** The hashed sources a review read; for a review older than 063, its page excerpt as the page. */
export function storedSources(store: Store, reviewId: string, review?: Review): StoredSources {
  const rows = createReviewSourceQueries(store.db).sources(reviewId);
  if (rows.length > 0) return { records: rows.flatMap((row) => (isKind(row.kind) ? [{ ...row, kind: row.kind }] : [])), partial: false };
  const excerpt = store.pageExcerpt(reviewId);
  const url = (review ?? store.getReview(reviewId))?.tool.url ?? '';
  if (excerpt == null || excerpt.trim() === '') return { records: [], partial: true };
  const text = normaliseText(excerpt);
  const kind: SourceKind = /^https?:\/\/(www\.)?github\.com\//i.test(url) ? 'readme' : 'page';
  return {
    records: [{ kind, target: url, url, hash: hashText(text), normaliser: NORMALISER_VERSION, text: text.slice(0, SOURCE_TEXT_CAP), truncated: text.length > SOURCE_TEXT_CAP }],
    partial: true,
  };
}

/** The kinds that differ between a baseline and a fresh read (a partial baseline compares only what it has). */
export function changedKinds(baseline: StoredSources, now: readonly SourceRecord[]): { changed: SourceKind[]; noBaseline: boolean } {
  const kinds = new Set(baseline.records.map((each) => each.kind));
  const compared = baseline.partial ? now.filter((each) => kinds.has(each.kind)) : now;
  return compareSources(baseline.records, compared);
}

export interface ReviewChanges {
  /** The published review this draft would replace. */
  amends: string;
  /** When it was approved (its creation time if that is unknown). */
  publishedAt: string;
  /** Why it was re-reviewed: the source kinds that changed, and prompt/persona version changes. */
  reasons: string[];
  sources: SourceDiff[];
  verdict: VerdictDiff;
}

/** The changes a re-review draft shows; null for any other review (or when the published one is gone). */
export function reviewChanges(store: Store, review: Review, summary: { origin: string; amends: string | null }): ReviewChanges | null {
  if (summary.origin !== 're-review' || summary.amends == null) return null;
  const published = store.getReview(summary.amends);
  if (published == null) return null;
  const before = storedSources(store, published.id, published);
  const after = storedSources(store, review.id, review).records;
  const { changed, noBaseline } = changedKinds(before, after);
  const reasons = [
    ...(noBaseline ? ['the published review kept no sources to compare with'] : changed.map((kind) => `${kind} changed`)),
    ...versionChanges(published.versions, review.versions).map((what) => `${what} version changed`),
  ];
  const shown = before.partial ? after.filter((each) => before.records.some((old) => old.kind === each.kind)) : after;
  const publishedAt = store.reviewState(published.id)?.approvedAt ?? published.createdAt;
  return { amends: published.id, publishedAt, reasons, sources: diffSources(before.records, shown), verdict: diffVerdicts(published, review) };
}
