/** The desk's read side: the queue, the draft page's data and a review's history. */
import { PanelError } from '../errors.js';
import type { PersonaRevision, ReviewSummary, Store } from '../store/index.js';
import { createClaimDecisionQueries, isAnswer } from '../store/index.js';
import { amendmentOf } from './desk-amend.js';
import { reviewChanges } from '../freshness/index.js';
import { groundingOf } from './desk-claims.js';
import type { DraftView, HistoryEntry, PersonaView, QueueItem, QueueOptions, QueuePersona } from './desk-types.js';
import { shortId } from './desk-resolve.js';

/** Display name of a persona: its answer's, else the configured one, else the id capitalised. */
export function personaName(persona: string, names: ReadonlyMap<string, string>, revisions: readonly PersonaRevision[] = []): string {
  for (const revision of [...revisions].reverse()) {
    if (revision.persona === persona && isAnswer(revision.entry)) return revision.entry.name;
  }
  return names.get(persona) ?? persona.charAt(0).toUpperCase() + persona.slice(1);
}

/**
 * Without a status: the drafts in queue order (needs-attention, unrouted, routine; in each
 * incomplete, flagged, newest: store/queue-order.ts). With one: that
 * status, newest first. `limit`/`offset` page it in SQL, so a page costs the same at 10k reviews.
 */
export function buildQueue(store: Store, names: ReadonlyMap<string, string>, options: QueueOptions = {}): QueueItem[] {
  const status = options.status ?? 'draft';
  const summaries = store.listReviews({
    status,
    flagged: options.flagged === true,
    queueOrder: status === 'draft',
    ...(options.limit != null ? { limit: options.limit } : {}),
    ...(options.offset != null ? { offset: options.offset } : {}),
  });
  const ids = summaries.map((summary) => summary.id);
  const current = store.currentRevisions(ids);
  const states = store.reviewStates(ids);
  const orders = store.personaOrders(ids);
  return summaries.map((summary): QueueItem => {
    const revisions = current.get(summary.id) ?? [];
    const personas = panelOrder(orders.get(summary.id) ?? [], revisions).map((revision): QueuePersona => {
      const entry = revision.entry;
      return {
        persona: revision.persona,
        name: personaName(revision.persona, names, [revision]),
        score: isAnswer(entry) ? entry.score : null,
        verdict: isAnswer(entry) ? entry.verdict : null,
        failed: !isAnswer(entry),
        edited: revision.source === 'editor',
      };
    });
    const state = states.get(summary.id);
    if (state == null) throw new PanelError(`review ${summary.id} vanished while listing`);
    return {
      ...summary,
      shortId: shortId(summary.id),
      personas,
      failedPersonas: personas.filter((persona) => persona.failed).map((persona) => persona.persona),
      state,
    };
  });
}

/**
 * Current revisions in panel order (the review's `versions.personas`), failed personas in
 * their own slot, so the cards and the queue's columns line up from one review to the next.
 */
function panelOrder(order: readonly string[], revisions: readonly PersonaRevision[]): PersonaRevision[] {
  const rank = (revision: PersonaRevision) => {
    const index = order.indexOf(revision.persona);
    return index === -1 ? order.length + revision.position : index;
  };
  return [...revisions].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

export function buildDraftView(store: Store, summary: ReviewSummary, names: ReadonlyMap<string, string>): DraftView {
  const review = store.getReview(summary.id);
  const state = store.reviewState(summary.id);
  if (review == null || state == null) throw new PanelError(`review ${summary.id} vanished while reading it`);
  const all = store.revisions(summary.id);
  const current = panelOrder(Object.keys(review.versions.personas), store.currentRevisions([summary.id]).get(summary.id) ?? []);
  const personas = current.map((revision): PersonaView => {
    const own = all.filter((each) => each.persona === revision.persona);
    const modelMade = own.filter((each) => each.source === 'model').at(-1) ?? revision;
    return {
      persona: revision.persona,
      name: personaName(revision.persona, names, own),
      current: revision.entry,
      revision: revision.revision,
      source: revision.source,
      author: revision.author,
      at: revision.createdAt,
      edited: revision.source === 'editor' ? { by: revision.author, at: revision.createdAt } : null,
      modelOriginal: modelMade.entry,
      revisions: own.length,
    };
  });
  const queries = createClaimDecisionQueries(store.db);
  const engine = queries.engineReview(summary.id) ?? review;
  const latest = new Map(queries.profileEdits(summary.id).map((edit) => [edit.field, edit]));
  const editedFields = [...latest.values()].map((edit) => ({ field: edit.field, by: edit.editor, at: edit.at, original: engine.tool[edit.field] }));
  return { summary, state, review, personas, history: buildHistory(store, summary.id, all), grounding: groundingOf(store, review, queries), editedFields, amendment: amendmentOf(store, summary), changes: reviewChanges(store, review, summary) };
}

/** Audit rows and persona revisions merged, oldest first (a revision before the audit row that records it). */
export function buildHistory(store: Store, reviewId: string, revisions = store.revisions(reviewId)): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...revisions.map((revision): HistoryEntry => ({
      kind: 'revision',
      id: revision.id,
      at: revision.createdAt,
      actor: revision.author,
      persona: revision.persona,
      revision: revision.revision,
      source: revision.source,
      entry: revision.entry,
    })),
    ...store.audit(reviewId).map((entry): HistoryEntry => ({
      kind: 'audit',
      id: entry.id,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      detail: entry.detail,
    })),
  ];
  const kindRank = (entry: HistoryEntry) => (entry.kind === 'revision' ? 0 : 1);
  return entries.sort((a, b) => a.at.localeCompare(b.at) || kindRank(a) - kindRank(b) || a.id - b.id);
}

/** Personas whose current answer a model wrote on an editor's request, after the draft and its grounding check. */
export function regeneratedAfterDraft(view: Pick<DraftView, 'personas'>): string[] {
  return view.personas.filter((each) => each.source === 'model' && each.author !== 'engine').map((each) => each.name);
}
