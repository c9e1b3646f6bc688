/**
 * Two reviews → a comparison page, the way the reference pages show it. Pure: the caller
 * resolves the reviews, counts the votes and finds the verdict line; this only arranges them.
 */
import type { Panel, PersonaReview, Review } from '../schemas.js';
import {
  ComparisonPage,
  DECISION_ROWS,
  type CardDisclosure,
  type CommunityFigure,
  type DecisionKey,
  type ScorecardCell,
  type ScorecardRow,
  type ToolCard,
  type VerdictLine,
  type VerdictWord,
} from './schemas.js';
import { publicUrl } from './public-url.js';
import { formatDay } from './day.js';

/** `model` of an answer an editor wrote for a failed persona (the desk's EDITOR_MODEL): no model gave it. */
const EDITOR_MODEL = 'editor';

/** The header line under the title, as on the reference pages. */
export const COMPARISON_INTRO =
  'Which one should you ship with? Here is the side-by-side panel verdict, pricing read, reviewer split, and community vote comparison.';

/** The site's name, after the title in the browser tab. */
export const SITE_NAME = 'Ship or Skip';

/** One side of a comparison: a tool's review as it stands, and its votes. */
export interface ComparedTool {
  /** The tool's page slug (the store's `tools.slug`). */
  slug: string;
  review: Review;
  /** A draft only in a `--drafts` preview. */
  reviewStatus: 'approved' | 'draft';
  approvedAt: string | null;
  votes: { ship: number; skip: number };
  /** The editor of record (who approved it); null or absent for a draft. */
  approvedBy?: string | null;
  /** Set when this review's publication changed the tool's verdict (history.ts `cardVerdictChange`). */
  verdictChange?: ToolCard['verdictChange'];
}

export interface CompareInput {
  tools: readonly [ComparedTool, ComparedTool];
  /**
   * The panel's personas in panel order (the persona files). Personas a review has that the
   * list lacks come after them, in the order the reviews give.
   */
  personas?: ReadonlyArray<{ id: string; name: string }>;
  verdictLine?: VerdictLine | null;
}

const VERDICT_WORDS: Record<NonNullable<Panel['verdict']>, VerdictWord> = { ship: 'Ship', skip: 'Skip', mixed: 'Mixed' };

/** "Ship", "Skip", "Mixed"; "No verdict" for a panel no persona answered (a --drafts preview only). */
export function verdictWord(verdict: Panel['verdict']): VerdictWord {
  return verdict == null ? 'No verdict' : VERDICT_WORDS[verdict];
}

/** The panel as the site's files carry it (a tool file and each of its history entries): the stored panel plus its word. */
export function publishedPanel<P extends Pick<Panel, 'verdict' | 'label' | 'ship' | 'skip' | 'shipPercent' | 'meanScore'>>(
  panel: P,
): Pick<P, 'verdict' | 'label' | 'ship' | 'skip' | 'shipPercent' | 'meanScore'> & { verdictWord: VerdictWord } {
  return {
    verdict: panel.verdict,
    verdictWord: verdictWord(panel.verdict),
    label: panel.label,
    ship: panel.ship,
    skip: panel.skip,
    shipPercent: panel.shipPercent,
    meanScore: panel.meanScore,
  };
}

/** "openrouter-model-fusion-vs-terrarium". */
export function comparisonSlug(slugA: string, slugB: string): string {
  return `${slugA}-vs-${slugB}`;
}

/** "OpenRouter Model Fusion vs Terrarium". */
export function comparisonHeading(nameA: string, nameB: string): string {
  return `${nameA} vs ${nameB}`;
}

/** "OpenRouter Model Fusion vs Terrarium: Which AI Tool Should You Ship?" */
export function comparisonTitle(nameA: string, nameB: string): string {
  return `${comparisonHeading(nameA, nameB)}: Which AI Tool Should You Ship?`;
}

/**
 * Votes as the page shows them: "—" and "No community votes yet" without votes; otherwise
 * the ship share ("67%") and "67% ship · 3 votes".
 */
export function communityFigure(votes: { ship: number; skip: number }): CommunityFigure {
  const total = votes.ship + votes.skip;
  if (total === 0) {
    return { ship: 0, skip: 0, votes: 0, shipPercent: null, figure: '—', text: 'No community votes yet' };
  }
  const shipPercent = Math.round((100 * votes.ship) / total);
  return {
    ship: votes.ship,
    skip: votes.skip,
    votes: total,
    shipPercent,
    figure: `${shipPercent}%`,
    text: `${shipPercent}% ship · ${total} ${total === 1 ? 'vote' : 'votes'}`,
  };
}

/** The letter in a card's badge: the name's first letter or digit, upper-cased. */
export function cardInitial(name: string): string {
  const first = Array.from(name).find((char) => /[\p{L}\p{N}]/u.test(char)) ?? Array.from(name)[0] ?? '?';
  return first.toUpperCase();
}

function toolCard(side: ComparedTool): ToolCard {
  const { review } = side;
  const { tool, panel } = review;
  return {
    slug: side.slug,
    name: tool.name,
    initial: cardInitial(tool.name),
    url: publicUrl(tool.url),
    category: tool.category,
    tagline: tool.tagline,
    description: tool.description,
    verdict: panel.verdict,
    verdictWord: verdictWord(panel.verdict),
    panelLabel: panel.label,
    shipPercent: panel.shipPercent,
    shipPercentText: panel.shipPercent == null ? '—' : `${panel.shipPercent}%`,
    panelComplete: panel.complete,
    community: communityFigure(side.votes),
    entry: tool.pricing.entry,
    pricing: tool.pricing.detail.trim() || tool.pricing.entry,
    bestFor: tool.bestFor,
    reviewId: review.id,
    reviewStatus: side.reviewStatus,
    approvedAt: side.approvedAt,
    ...(review.simulated ? { simulated: true as const } : {}),
    verdictChange: side.reviewStatus === 'approved' ? (side.verdictChange ?? null) : null,
    disclosure: cardDisclosure(side),
  };
}

/**
 * The persona models of a review in panel order, each once: what its tool file's disclosure
 * names as the quotes' models (an editor-written answer has none).
 */
export function panelModels(review: Review): string[] {
  const models = review.reviews.map((answer) => answer.model).filter((model) => model !== EDITOR_MODEL && model.trim() !== '');
  return [...new Set(models)];
}

/** "AI panel: a, b · Editor of record: Ann · Approved 21 April 2026". */
function cardDisclosure(side: ComparedTool): CardDisclosure {
  const models = panelModels(side.review);
  const approved = side.reviewStatus === 'approved' && side.approvedAt != null;
  const editor = approved ? (side.approvedBy ?? null) : null;
  const panel = models.length === 0 ? 'AI panel: none (every answer written by an editor)' : `AI panel: ${models.join(', ')}`;
  const approval = approved
    ? [...(editor == null ? [] : [`Editor of record: ${editor}`]), `Approved ${formatDay(side.approvedAt as string)}`]
    : ['Not approved yet (draft preview)'];
  return { models, editor, approvedAt: approved ? side.approvedAt : null, text: [panel, ...approval].join(' · ') };
}

function decisionValue(card: ToolCard, key: DecisionKey): string {
  switch (key) {
    case 'panel-verdict':
      return card.panelLabel;
    case 'community':
      return card.community.text;
    case 'pricing':
      return card.pricing;
    case 'best-for':
      return card.bestFor;
    case 'category':
      return card.category;
  }
}

function cell(answer: PersonaReview | undefined): ScorecardCell | null {
  if (answer == null) return null;
  return { score: answer.score, verdict: answer.verdict, text: `${answer.score}/100 · ${answer.verdict}`, quote: answer.quote };
}

/** Persona ids in panel order: the known personas first, then any others as the reviews have them. */
export function personaOrder(
  reviews: readonly Review[],
  personas: ReadonlyArray<{ id: string; name: string }> = [],
): Array<{ id: string; name: string }> {
  const answered = new Map<string, string>();
  for (const review of reviews) {
    for (const answer of review.reviews) if (!answered.has(answer.persona)) answered.set(answer.persona, answer.name);
  }
  const known = personas.filter((persona) => answered.has(persona.id));
  const knownIds = new Set(known.map((persona) => persona.id));
  const others = [...answered].filter(([id]) => !knownIds.has(id)).map(([id, name]) => ({ id, name }));
  return [...known.map(({ id, name }) => ({ id, name })), ...others];
}

function scorecard(tools: CompareInput['tools'], personas: CompareInput['personas']): ScorecardRow[] {
  const [a, b] = tools;
  const answerOf = (side: ComparedTool, persona: string) => side.review.reviews.find((answer) => answer.persona === persona);
  return personaOrder([a.review, b.review], personas).map(({ id, name }) => ({
    persona: id,
    name,
    cells: [cell(answerOf(a, id)), cell(answerOf(b, id))],
  }));
}

/** The comparison page of two tools, validated. */
export function buildComparisonPage(input: CompareInput): ComparisonPage {
  const [a, b] = input.tools;
  const cards: [ToolCard, ToolCard] = [toolCard(a), toolCard(b)];
  return ComparisonPage.parse({
    schemaVersion: 1,
    slug: comparisonSlug(a.slug, b.slug),
    title: comparisonTitle(a.review.tool.name, b.review.tool.name),
    heading: comparisonHeading(a.review.tool.name, b.review.tool.name),
    intro: COMPARISON_INTRO,
    preview: cards.some((card) => card.reviewStatus !== 'approved'),
    ...(cards.some((card) => card.simulated) ? { simulated: true } : {}),
    verdictLine: input.verdictLine ?? null,
    tools: cards,
    decision: DECISION_ROWS.map(({ key, label }) => ({
      key,
      label,
      values: [decisionValue(cards[0], key), decisionValue(cards[1], key)],
    })),
    scorecard: scorecard(input.tools, input.personas),
  });
}
