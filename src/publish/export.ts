/**
 * `publish --out DIR`: the approved reviews and comparisons as the site's JSON files.
 *
 * ```
 * DIR/index.json                          tools, comparisons, updatedAt (PublishIndex)
 * DIR/tools/<tool-slug>.json              one per approved review (PublishedReview)
 * DIR/comparisons/<a>-vs-<b>.json         one per approved comparison (ComparisonPage)
 * DIR/changelog.json                      every publication of every published tool, newest first (Changelog)
 * DIR/schemas/{index,tool,comparison,changelog}.schema.json
 * ```
 *
 * Only approved reviews and approved comparisons whose two reviews are still their tools'
 * approved ones are written; drafts, rejected and superseded versions never are. A simulated
 * review (the demo's) is left out, saying why, unless `allowSimulated` (a trial site); then it
 * and every comparison with it say `"simulated": true`. A review with no verdict is never
 * written, and neither is a local file path: a tool reviewed from a file has `"url": null`. Every file
 * is validated by its schema, written atomically and only when its content changed, so a
 * second run over unchanged data touches nothing: `updatedAt` is the newest approval or vote
 * among the published items, not the time of the run. Each tool file's `history` (newest
 * first) and `changelog.json` are derived from the reviews ever approved (history.ts), which
 * never change once approved, so they too are the same bytes until something is approved; a
 * simulated review is in neither unless `allowSimulated`. Files an earlier run listed in its
 * index that are no longer published (a stale comparison) are removed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { safeJsonParse } from '../json-file.js';
import type { Review } from '../schemas.js';
import { createComparisonQueries, type Store } from '../store/index.js';
import { buildComparisonPage, communityFigure, personaOrder, publishedPanel, verdictWord, type ComparedTool } from './compare.js';
import { jsonText, removeFile, writeFileAtomic } from './files.js';
import { publicFacts, publicLinks, publicUrl } from './public-url.js';
import { SCHEMA_FILES, publishJsonSchemas } from './json-schema.js';
import { Changelog, PublishIndex, PublishedReview, type ComparisonPage } from './schemas.js';
import { storedComparison } from './stored.js';
import { buildDisclosure } from './disclosure.js';
import { buildChangelog, cardVerdictChange, toolHistory } from './history.js';
import type { HistoryEntry } from './history-schemas.js';

/** Where the changelog goes, relative to the output folder. */
export const CHANGELOG_FILE = 'changelog.json';

export interface PublishDeps {
  store: Store;
  /** The panel's personas in panel order, for the order of each tool's reviews. */
  personas?: ReadonlyArray<{ id: string; name: string }>;
  /** Publish simulated reviews too (marked `simulated: true`), for a trial site. */
  allowSimulated?: boolean;
}

export interface PublishResult {
  outDir: string;
  index: PublishIndex;
  /** Paths relative to `outDir`, sorted. */
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Approved tools and comparisons left out, and why (simulated, no verdict, a review superseded since). */
  skipped: Array<{ slug: string; reason: string }>;
}

/** Everything to write, by path relative to the output folder. Reads the store; writes nothing. */
export interface Publication {
  files: Map<string, string>;
  index: PublishIndex;
  skipped: PublishResult['skipped'];
}

type Side = ComparedTool & { approvedBy: string };
interface PublishedTool {
  side: Side;
  review: Review;
  history: HistoryEntry[];
}

type PublishablePanel = Review['panel'] & { verdict: NonNullable<Review['panel']['verdict']>; shipPercent: number; meanScore: number };

/** The panel, when it has a verdict (an approved review always does; an old database may differ). */
function publishablePanel(panel: Review['panel']): PublishablePanel | null {
  if (panel.verdict == null || panel.shipPercent == null || panel.meanScore == null) return null;
  return panel as PublishablePanel;
}

/** Why an approved review is not published, or null when it is. */
function leftOut(review: Review, allowSimulated: boolean): string | null {
  if (publishablePanel(review.panel) == null) return 'its review has no verdict (no persona answered)';
  if (review.simulated && !allowSimulated) {
    return 'its review is simulated (npm run demo: no model gave these answers) — publish --allow-simulated writes it for a trial site, marked simulated';
  }
  return null;
}

const simulatedMark = (review: Review) => (review.simulated ? { simulated: true as const } : {});

function publishedReview(store: Store, { review, side, history }: PublishedTool, personas: PublishDeps['personas']): PublishedReview {
  const { tool } = review;
  const panel = publishablePanel(review.panel) as PublishablePanel;
  const answers = personaOrder([review], personas).flatMap(({ id }) => review.reviews.filter((answer) => answer.persona === id));
  return PublishedReview.parse({
    schemaVersion: 1,
    slug: side.slug,
    reviewId: review.id,
    approvedAt: side.approvedAt,
    ...simulatedMark(review),
    tool: {
      name: tool.name,
      url: publicUrl(tool.url),
      tagline: tool.tagline,
      description: tool.description,
      category: tool.category,
      pricing: tool.pricing,
      bestFor: tool.bestFor,
      vendor: tool.vendor,
      links: publicLinks(tool.links),
      facts: publicFacts(tool.facts),
    },
    panel: publishedPanel(panel),
    reviews: answers.map(({ persona, name, score, verdict, quote }) => ({ persona, name, score, verdict, quote })),
    community: communityFigure(side.votes),
    disclosure: buildDisclosure(store, review, { editor: side.approvedBy, approvedAt: side.approvedAt as string }, answers),
    history,
  });
}

/** The approved tool reviews to publish, by tool id, with their histories; the others, with why, in `skipped`. */
function approvedSides(deps: PublishDeps, skipped: Map<number, { slug: string; reason: string }>): Map<number, PublishedTool> {
  const { store, personas } = deps;
  const allowSimulated = deps.allowSimulated === true;
  const queries = createComparisonQueries(store.db);
  const sides = new Map<number, PublishedTool>();
  for (const summary of store.listReviews({ status: 'approved' })) {
    const review = store.getReview(summary.id);
    const state = store.reviewState(summary.id);
    const tool = state == null ? undefined : queries.tool(state.toolId);
    if (review == null || state == null || tool == null) continue;
    const why = leftOut(review, allowSimulated);
    if (why != null) {
      skipped.set(tool.id, { slug: tool.slug, reason: why });
      continue;
    }
    const history = toolHistory(store, tool.id, { allowSimulated, ...(personas ? { personas } : {}) });
    sides.set(tool.id, {
      review,
      history,
      side: {
        slug: tool.slug,
        review,
        reviewStatus: 'approved',
        approvedAt: state.approvedAt,
        approvedBy: state.approvedBy ?? '?',
        votes: queries.votes(tool.id),
        verdictChange: cardVerdictChange(history, review.id),
      },
    });
  }
  return sides;
}

/** What `publish` would write, validated, in memory. */
export function buildPublication(deps: PublishDeps): Publication {
  const { store, personas } = deps;
  const queries = createComparisonQueries(store.db);
  const leftOutTools = new Map<number, { slug: string; reason: string }>();
  const sides = approvedSides(deps, leftOutTools);
  const skipped: PublishResult['skipped'] = [...leftOutTools.values()];
  const files = new Map<string, string>();
  const times: string[] = [];
  const tools: PublishIndex['tools'] = [];
  for (const [toolId, published] of sides) {
    const { side, review } = published;
    const file = `tools/${side.slug}.json`;
    files.set(file, jsonText(publishedReview(store, published, personas)));
    const panel = publishablePanel(review.panel) as PublishablePanel;
    tools.push({ slug: side.slug, name: review.tool.name, file, category: review.tool.category, verdict: panel.verdict, label: panel.label, shipPercent: panel.shipPercent, reviewId: review.id, approvedAt: side.approvedAt as string, ...simulatedMark(review) });
    times.push(side.approvedAt ?? '');
    times.push(queries.votes(toolId).lastAt ?? '');
  }
  const comparisons: PublishIndex['comparisons'] = [];
  for (const row of queries.allComparisons().filter((each) => each.status === 'approved')) {
    const stored = storedComparison(store, row);
    const a = sides.get(row.toolAId);
    const b = sides.get(row.toolBId);
    const unpublished = [row.toolAId, row.toolBId].map((id) => leftOutTools.get(id)).find((entry) => entry != null);
    if (unpublished != null) {
      skipped.push({ slug: row.slug, reason: `${unpublished.slug} is not published: ${unpublished.reason}` });
      continue;
    }
    if (stored.stale != null || a?.review.id !== row.reviewAId || b?.review.id !== row.reviewBId) {
      skipped.push({ slug: row.slug, reason: stored.stale ?? 'its reviews are no longer the approved ones — write it again with compare --save' });
      continue;
    }
    const page: ComparisonPage = buildComparisonPage({ tools: [a.side, b.side], ...(personas ? { personas } : {}), verdictLine: stored.line });
    const file = `comparisons/${page.slug}.json`;
    files.set(file, jsonText(page));
    comparisons.push({ slug: page.slug, title: page.title, file, tools: [a.side.slug, b.side.slug], approvedAt: row.approvedAt as string, ...(page.simulated ? { simulated: true as const } : {}) });
    times.push(row.approvedAt ?? '');
  }
  const changelog = Changelog.parse(buildChangelog([...sides.values()].map(({ side, review, history }) => ({ slug: side.slug, name: review.tool.name, history }))));
  files.set(CHANGELOG_FILE, jsonText(changelog));
  const schemas = publishJsonSchemas();
  for (const [kind, file] of Object.entries(SCHEMA_FILES) as Array<[keyof typeof SCHEMA_FILES, string]>) files.set(file, jsonText(schemas[kind]));
  const bySlug = <T extends { slug: string }>(list: T[]) => list.sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  const newest = times.filter((time) => time !== '').sort().at(-1) ?? null;
  const index = PublishIndex.parse({
    schemaVersion: 1,
    updatedAt: newest,
    tools: bySlug(tools),
    comparisons: bySlug(comparisons),
    changelog: CHANGELOG_FILE,
    schemas: { ...SCHEMA_FILES },
  });
  return { files, index, skipped };
}

/** The files the previous run's index listed (tools and comparisons), to remove what is gone. */
async function previouslyPublished(outDir: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, 'index.json'), 'utf8');
  } catch {
    return [];
  }
  const parsed = safeJsonParse(text);
  // Only the lists: an index written before a field was added (changelog) still says what to remove.
  const index = parsed.ok ? PublishIndex.pick({ tools: true, comparisons: true }).safeParse(parsed.value) : undefined;
  if (!index?.success) return [];
  return [...index.data.tools, ...index.data.comparisons]
    .map((entry) => entry.file)
    .filter((file) => /^(tools|comparisons)\/[a-z0-9-]+\.json$/.test(file));
}

/** Writes the publication to `outDir`: data files first, the index last, then removes stale files. */
export async function publishSite(outDir: string, deps: PublishDeps): Promise<PublishResult> {
  // One read transaction: a consistent snapshot even while an editor approves something.
  const { files, index, skipped } = deps.store.db.transaction(() => buildPublication(deps))();
  const before = await previouslyPublished(outDir);
  const written: string[] = [];
  const unchanged: string[] = [];
  const indexText = jsonText(index);
  for (const [file, content] of [...files, ['index.json', indexText] as const]) {
    const outcome = await writeFileAtomic(path.join(outDir, file), content);
    (outcome === 'written' ? written : unchanged).push(file);
  }
  const removed: string[] = [];
  for (const file of before.filter((each) => !files.has(each))) {
    if (await removeFile(path.join(outDir, file))) removed.push(file);
  }
  return { outDir, index, written: written.sort(), unchanged: unchanged.sort(), removed: removed.sort(), skipped };
}
