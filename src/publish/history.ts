/**
 * A tool's verdict history, derived from the store's publications (every review that was ever
 * approved, `store/publications.ts`): per publication its date, editor, panel, each persona's
 * call and what changed against the previous one. One function (`toolHistory`) feeds the tool
 * files' `history`, `changelog.json` and the comparison page's "Verdict changed on …", so they
 * cannot disagree. Simulated reviews are left out unless the caller publishes them
 * (`allowSimulated`): a history must not show what `publish` would refuse to.
 */
import type { Panel, Review } from '../schemas.js';
import { createPublicationQueries, type PublicationRow, type Store } from '../store/index.js';
import { personaOrder, publishedPanel, verdictWord } from './compare.js';
import { formatDay } from './day.js';
import type { Changelog, HistoryChange, HistoryEntry, HistoryKind } from './history-schemas.js';
import type { ToolCard, VerdictChange } from './schemas.js';

export interface HistoryOptions {
  /** Keep simulated publications (marked `simulated: true`), as `publish --allow-simulated` does. */
  allowSimulated?: boolean;
  /** The panel's personas in panel order, for the order of each entry's calls. */
  personas?: ReadonlyArray<{ id: string; name: string }>;
}

type Verdict = NonNullable<Panel['verdict']>;

/** "Skip → Ship". */
export function verdictChange(from: Verdict, to: Verdict): VerdictChange {
  const fromWord = verdictWord(from);
  const toWord = verdictWord(to);
  return { from, to, fromWord, toWord, text: `${fromWord} → ${toWord}` };
}

const KIND_OF_ORIGIN: Record<PublicationRow['origin'], HistoryKind> = {
  new: 're-review',
  're-review': 're-review',
  correction: 'editor correction',
};

interface Published {
  row: PublicationRow;
  review: Review & { panel: Panel & { verdict: Verdict; shipPercent: number; meanScore: number } };
}

function published(store: Store, row: PublicationRow, options: HistoryOptions): Published | null {
  if (row.simulated && options.allowSimulated !== true) return null;
  const review = store.getReview(row.reviewId);
  const { panel } = review ?? {};
  // An approved review always has a verdict; an old database might not, and such a review is never published.
  if (review == null || panel?.verdict == null || panel.shipPercent == null || panel.meanScore == null) return null;
  return { row, review: review as Published['review'] };
}

function entry(current: Published, previous: Published | undefined, options: HistoryOptions): HistoryEntry {
  const { row, review } = current;
  const calls = personaOrder([review], options.personas).flatMap(({ id }) => review.reviews.filter((answer) => answer.persona === id));
  const before = new Map((previous?.review.reviews ?? []).map((answer) => [answer.persona, answer]));
  const now = new Set(calls.map((answer) => answer.persona));
  const added = previous == null ? [] : calls.filter((answer) => !before.has(answer.persona)).map((answer) => answer.persona);
  const removed = [...before.keys()].filter((persona) => !now.has(persona));
  const kind: HistoryKind = previous == null ? 'first review' : KIND_OF_ORIGIN[row.origin];
  const changes: HistoryChange[] = [kind, ...(added.length > 0 ? ['new persona' as const] : []), ...(removed.length > 0 ? ['persona removed' as const] : [])];
  const moved = calls.flatMap((answer) => {
    const old = before.get(answer.persona);
    if (old == null || (old.score === answer.score && old.verdict === answer.verdict)) return [];
    return [{ persona: answer.persona, name: answer.name, from: { score: old.score, verdict: old.verdict }, to: { score: answer.score, verdict: answer.verdict } }];
  });
  const { panel } = review;
  const from = previous?.review.panel.verdict;
  return {
    reviewId: row.reviewId,
    approvedAt: row.approvedAt,
    date: row.approvedAt.slice(0, 10),
    editor: row.approvedBy,
    kind,
    changes,
    ...(review.simulated ? { simulated: true as const } : {}),
    panel: publishedPanel(panel),
    reviews: calls.map(({ persona, name, score, verdict }) => ({ persona, name, score, verdict })),
    verdictChange: from == null || from === panel.verdict ? null : verdictChange(from, panel.verdict),
    personasAdded: added,
    personasRemoved: removed,
    moved,
  };
}

/**
 * Every publication of the tool's verdict, **newest first** (the first entry is the live
 * review), each compared with the publication before it. Empty when nothing was published.
 */
export function toolHistory(store: Store, toolId: number, options: HistoryOptions = {}): HistoryEntry[] {
  const rows = createPublicationQueries(store.db).publicationsOf(toolId);
  const kept = rows.map((row) => published(store, row, options)).filter((each): each is Published => each != null);
  return kept.map((current, index) => entry(current, kept[index - 1], options)).reverse();
}

/** The card's "Verdict changed on …" when the tool's newest publication is `reviewId` and changed the verdict. */
export function cardVerdictChange(history: readonly HistoryEntry[] | undefined, reviewId: string): ToolCard['verdictChange'] {
  const latest = history?.[0];
  if (latest == null || latest.reviewId !== reviewId || latest.verdictChange == null) return null;
  return { ...latest.verdictChange, on: latest.date };
}

/** "Verdict changed on 21 April 2026: Skip → Ship". */
export function verdictChangeLine(change: NonNullable<ToolCard['verdictChange']>): string {
  return `Verdict changed on ${formatDay(change.on)}: ${change.text}`;
}

/** `changelog.json` from the published tools' histories: every entry, newest first (then by slug). */
export function buildChangelog(tools: ReadonlyArray<{ slug: string; name: string; history: readonly HistoryEntry[] }>): Changelog {
  const entries: Changelog['entries'] = tools.flatMap(({ slug, name, history }) =>
    history.map((item, index) => {
      const previous = history[index + 1];
      const from = previous?.panel.verdict ?? null;
      return {
        date: item.date,
        approvedAt: item.approvedAt,
        slug,
        name,
        reviewId: item.reviewId,
        kind: item.kind,
        changes: item.changes,
        from,
        to: item.panel.verdict,
        fromWord: from == null ? null : verdictWord(from),
        toWord: item.panel.verdictWord,
        text: item.verdictChange?.text ?? item.panel.verdictWord,
        ...(item.simulated ? { simulated: true as const } : {}),
      };
    }),
  );
  const key = (each: Changelog['entries'][number]) => `${each.approvedAt}\u0000${each.slug}\u0000${each.reviewId}`;
  entries.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
  return { schemaVersion: 1, updatedAt: entries[0]?.approvedAt ?? null, entries };
}
