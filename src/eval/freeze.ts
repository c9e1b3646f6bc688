/**
 * The frozen eval set: every approved review as its panel saw it (the published profile, the
 * page excerpt, the notices) with the verdicts the editors approved. Read in one snapshot, so
 * a run's set cannot change under it; hashed over canonical JSON, so two runs on the same set
 * show the same hash and an edited file is refused.
 */
import { createHash } from 'node:crypto';
import { link, rm, writeFile } from 'node:fs/promises';
import { DEFAULT_SHIP_THRESHOLD } from '../aggregate/index.js';
import { UsageError } from '../errors.js';
import { pageNotices } from '../intake/index.js';
import { readJsonFile } from '../json-file.js';
import { isAnswer, type PersonaRevision, type Store } from '../store/index.js';
import { EVAL_SET_KIND, EvalSet, type ApprovedVerdict, type EvalItem } from './schemas.js';

/** JSON with object keys sorted at every level: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, each]) => each !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashItems(items: readonly EvalItem[]): string {
  return `sha256:${createHash('sha256').update(canonicalJson(items)).digest('hex')}`;
}

function approvedVerdicts(revisions: readonly PersonaRevision[]): ApprovedVerdict[] {
  const byPersona = new Map<string, PersonaRevision[]>();
  for (const revision of revisions) byPersona.set(revision.persona, [...(byPersona.get(revision.persona) ?? []), revision]);
  const verdicts: ApprovedVerdict[] = [];
  for (const [persona, rows] of byPersona) {
    const ordered = [...rows].sort((a, b) => a.revision - b.revision);
    const current = ordered.at(-1);
    if (current == null || !isAnswer(current.entry)) continue;
    const first = ordered[0]?.entry;
    const model = first != null && isAnswer(first) ? first : undefined;
    verdicts.push({
      persona,
      score: current.entry.score,
      verdict: current.entry.verdict,
      source: current.source,
      modelScore: model?.score ?? null,
      modelVerdict: model?.verdict ?? null,
    });
  }
  const position = new Map(revisions.map((revision) => [revision.persona, revision.position]));
  return verdicts.sort((a, b) => (position.get(a.persona) ?? 0) - (position.get(b.persona) ?? 0));
}

export interface FreezeOptions {
  includeSimulated?: boolean;
  now?: () => Date;
}

/**
 * Reads the approved reviews in one read transaction. Simulated reviews are left out unless
 * asked for (tests, a trial site); each item says whether it is simulated.
 */
export function freezeFromStore(store: Store, options: FreezeOptions = {}): EvalSet {
  const includeSimulated = options.includeSimulated === true;
  const read = store.db.transaction((): EvalItem[] => {
    const summaries = store.listReviews({ status: 'approved' }).filter((summary) => includeSimulated || !summary.simulated);
    return summaries.flatMap((summary): EvalItem[] => {
      const review = store.getReview(summary.id);
      if (review == null) return [];
      return [
        {
          reviewId: review.id,
          slug: summary.tool.slug,
          createdAt: review.createdAt,
          simulated: review.simulated === true,
          shipThreshold: review.shipThreshold ?? DEFAULT_SHIP_THRESHOLD,
          profile: review.tool,
          pageExcerpt: store.pageExcerpt(review.id),
          notices: pageNotices(review.flags),
          approved: approvedVerdicts(store.revisions(review.id)),
        },
      ];
    });
  });
  // Oldest first, id breaking ties: `--limit N` takes the same N items from the same set.
  const items = read().sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.reviewId < b.reviewId ? -1 : 1));
  return {
    kind: EVAL_SET_KIND,
    schemaVersion: 1,
    frozenAt: (options.now ?? (() => new Date()))().toISOString(),
    hash: hashItems(items),
    includeSimulated,
    items,
  };
}

/**
 * Writes the set beside its final name and links it into place: never half a file, and never
 * over an existing one (a frozen set is evidence; a new freeze gets a new name).
 */
export async function writeEvalSet(file: string, set: EvalSet): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(set, null, 2)}\n`, { flag: 'wx' });
    await link(temporary, file);
  } catch (error) {
    throw new UsageError(`cannot write the eval set to ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unwritable'}`);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Reads a frozen set and refuses one whose items no longer match its hash. */
export async function readEvalSet(file: string): Promise<EvalSet> {
  const set = await readJsonFile(file, EvalSet);
  const actual = hashItems(set.items);
  if (actual !== set.hash) {
    throw new UsageError(`${file}: its items do not match its hash (${set.hash.slice(0, 19)}…, now ${actual.slice(0, 19)}…): the set was changed after it was frozen; freeze it again`);
  }
  return set;
}
