/**
 * The reference pages as data: the three tools of fixtures/golden/reference-tools.json as
 * approved reviews in a temp store, and the reference page text cut into its decision table,
 * scorecard and cards, for the golden tests to compare against.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { aggregateVerdict } from '../../src/aggregate/index.js';
import { createDesk } from '../../src/editor/index.js';
import { projectPaths } from '../../src/paths.js';
import type { PersonaReview, Review } from '../../src/schemas.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../store/sample-review.js';

interface ReferenceTool {
  name: string;
  url: string;
  tagline: string;
  description: string;
  category: string;
  pricing: { entry: Review['tool']['pricing']['entry']; detail: string };
  bestFor: string;
  vendor: string | null;
  reviews: Array<{ persona: string; score: number; verdict: 'ship' | 'skip'; quote: string }>;
}

export const REFERENCE_TOOLS = (JSON.parse(readFileSync(path.join(projectPaths.fixtures, 'golden', 'reference-tools.json'), 'utf8')) as { tools: ReferenceTool[] }).tools;

const ZERO = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 };
const capital = (id: string) => `${id[0]?.toUpperCase() ?? ''}${id.slice(1)}`;

/** The reference tool named `name` as a complete draft (ids a0…01, a0…02, a0…03 by position). */
export function referenceReview(name: string): Review {
  const index = REFERENCE_TOOLS.findIndex((tool) => tool.name === name);
  const tool = REFERENCE_TOOLS[index];
  if (tool == null) throw new Error(`no reference tool ${name}`);
  const reviews: PersonaReview[] = tool.reviews.map((answer) => ({ ...answer, name: capital(answer.persona), model: 'reference:page', usage: ZERO, latencyMs: 0, attempts: 1 }));
  const { reviews: _answers, ...profile } = tool;
  return {
    schemaVersion: 1,
    id: `a0000000-0000-4000-8000-00000000000${index + 1}`,
    status: 'draft',
    createdAt: `2026-04-1${index}T08:00:00.000Z`,
    tool: { ...profile, links: {}, facts: {} },
    reviews,
    panel: aggregateVerdict(reviews, reviews.length),
    failures: [],
    usage: ZERO,
    flags: [],
    versions: { prompts: 'reference', personas: {} },
  };
}

export const FUSION = 'OpenRouter Model Fusion';
export const TERRARIUM = 'Terrarium';
export const SCION = 'Google Scion';

export interface ReferenceStore {
  dbPath: string;
  store: Store;
  cleanup(): void;
}

/** A temp database holding the three reference tools, each approved by "Ann" at a fixed time. */
export function referenceStore(): ReferenceStore {
  const temp = tempDir();
  const dbPath = path.join(temp.dir, 'panel.db');
  const store = openStore(dbPath, { now: () => new Date('2026-04-20T09:00:00.000Z') });
  let tick = 0;
  const desk = createDesk(store, { threshold: 50, now: () => new Date(Date.UTC(2026, 3, 20, 10, 0, tick++)) });
  for (const name of [FUSION, TERRARIUM, SCION]) {
    const review = referenceReview(name);
    store.saveDraft(review);
    // The reference pages' reviews were never grounding-checked here: approving them says so.
    desk.approve(review.id, 'Ann', {}, { allowUnchecked: true });
  }
  return { dbPath, store, cleanup: () => (store.close(), temp.cleanup()) };
}

/** The page's non-empty lines, trimmed, read by index ('' past the end). */
function pageLines(file: string): { lines: string[]; line: (index: number) => string } {
  const lines = readFileSync(path.join(projectPaths.fixtures, 'reference', file), 'utf8')
    .split('\n')
    .map((each) => each.trim())
    .filter((each) => each !== '');
  return { lines, line: (index) => lines[index] ?? '' };
}

/** The Model Fusion vs Terrarium page: its decision table and its scorecard, as the page's text. */
export function fusionTerrariumReference() {
  const { lines, line } = pageLines('page-model-fusion-vs-terrarium.txt');
  const decisionAt = lines.indexOf('Decision');
  const scorecardAt = lines.indexOf('Reviewer scorecard');
  const endAt = lines.indexOf('Weekly AI Tool Verdicts');
  const names = [line(decisionAt + 1), line(decisionAt + 2)];
  const rows = [];
  for (let at = decisionAt + 3; at < scorecardAt; at += 3) rows.push({ label: line(at), values: [line(at + 1), line(at + 2)] });
  const scorecard = [];
  for (let at = scorecardAt + 1; at < endAt; at += 5) {
    scorecard.push({ name: line(at), cells: [{ text: line(at + 1), quote: line(at + 2) }, { text: line(at + 3), quote: line(at + 4) }] });
  }
  const card = (at: number) => ({
    initial: line(at),
    category: line(at + 1),
    name: line(at + 2),
    tagline: line(at + 3),
    verdictWord: line(at + 4),
    shipPercentText: line(at + 5),
    entry: line(at + 8),
    description: line(at + 10),
  });
  return { heading: line(2), intro: line(3), cards: [card(4), card(15)], names, rows, scorecard };
}

/** The Scion vs Model Fusion page: cards and the scorecard's quotes (it shows no scores). */
export function scionFusionReference() {
  const { lines, line } = pageLines('page-scion-vs-model-fusion.txt');
  const card = (at: number) => ({
    category: line(at),
    name: line(at + 1),
    tagline: line(at + 2),
    shipPercentText: line(at + 3),
    community: line(at + 5),
    entry: line(at + 7),
    description: line(at + 9),
  });
  const scorecardAt = lines.indexOf('Reviewer scorecard');
  const quotes = lines.slice(scorecardAt + 1).filter((each) => each.startsWith('“')).map((each) => each.slice(1, -1));
  const pairs = [];
  for (let at = 0; at < quotes.length; at += 2) pairs.push([quotes[at] ?? '', quotes[at + 1] ?? '']);
  return { heading: line(1), cards: [card(3), card(13)], quotePairs: pairs };
}
