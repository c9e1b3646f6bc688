/** `buildComparisonPage` and its pieces: pure, table-tested. */
import { describe, expect, it } from 'vitest';
import { aggregateVerdict } from '../../src/aggregate/index.js';
import { buildComparisonPage, cardInitial, communityFigure, personaOrder, type ComparedTool } from '../../src/publish/index.js';
import type { Review } from '../../src/schemas.js';
import { FUSION, referenceReview, TERRARIUM } from './reference-fixture.js';

const side = (review: Review, slug: string, votes = { ship: 0, skip: 0 }): ComparedTool => ({
  slug,
  review,
  reviewStatus: review.status === 'approved' ? 'approved' : 'draft',
  approvedAt: review.status === 'approved' ? '2026-04-20T10:00:00.000Z' : null,
  votes,
});
const approved = (name: string): Review => ({ ...referenceReview(name), status: 'approved' });
const PERSONAS = [
  { id: 'builder', name: 'Builder' },
  { id: 'skeptic', name: 'Skeptic' },
  { id: 'futurist', name: 'Futurist' },
  { id: 'creator', name: 'Creator' },
];

describe('communityFigure', () => {
  it.each([
    [{ ship: 0, skip: 0 }, '—', 'No community votes yet', null],
    [{ ship: 1, skip: 0 }, '100%', '100% ship · 1 vote', 100],
    [{ ship: 2, skip: 1 }, '67%', '67% ship · 3 votes', 67],
    [{ ship: 1, skip: 2 }, '33%', '33% ship · 3 votes', 33],
    [{ ship: 0, skip: 4 }, '0%', '0% ship · 4 votes', 0],
  ])('%o → %s / %s', (votes, figure, text, shipPercent) => {
    expect(communityFigure(votes)).toMatchObject({ figure, text, shipPercent, votes: votes.ship + votes.skip });
  });
});

describe('cardInitial', () => {
  it.each([
    ['OpenRouter Model Fusion', 'O'],
    ['terrarium', 'T'],
    ['  "quoted" tool', 'Q'],
    ['élan', 'É'],
    ['42 tools', '4'],
    ['✨', '✨'],
  ])('%s → %s', (name, initial) => expect(cardInitial(name)).toBe(initial));
});

describe('buildComparisonPage', () => {
  it('marks a page built from a draft review as a preview', () => {
    const page = buildComparisonPage({ tools: [side(approved(FUSION), 'fusion'), side(referenceReview(TERRARIUM), 'terrarium')] });
    expect(page.preview).toBe(true);
    expect(page.tools.map((card) => card.reviewStatus)).toEqual(['approved', 'draft']);
  });

  it('shows votes on the cards and in the decision table', () => {
    const page = buildComparisonPage({ tools: [side(approved(FUSION), 'fusion', { ship: 2, skip: 1 }), side(approved(TERRARIUM), 'terrarium')] });
    expect(page.tools.map((card) => card.community.figure)).toEqual(['67%', '—']);
    expect(page.decision.find((row) => row.key === 'community')?.values).toEqual(['67% ship · 3 votes', 'No community votes yet']);
  });

  it('shows the pricing entry in the Pricing row when the profile has no detail', () => {
    const fusion = approved(FUSION);
    fusion.tool.pricing = { entry: 'Freemium', detail: '  ' };
    const page = buildComparisonPage({ tools: [side(fusion, 'fusion'), side(approved(TERRARIUM), 'terrarium')] });
    expect(page.decision.find((row) => row.key === 'pricing')?.values).toEqual(['Freemium', 'Open Source']);
    expect(page.tools[0].entry).toBe('Freemium');
  });

  it('gives a persona only one tool has an empty cell, in panel order; unknown personas come last', () => {
    const fusion = approved(FUSION);
    const terrarium = approved(TERRARIUM);
    terrarium.reviews = terrarium.reviews.filter((answer) => answer.persona !== 'skeptic');
    terrarium.reviews.push({ ...terrarium.reviews[0]!, persona: 'operator', name: 'Operator', quote: 'Runs fine on call.' });
    terrarium.panel = aggregateVerdict(terrarium.reviews);
    // The review order is not the panel order: the persona files decide.
    fusion.reviews = [...fusion.reviews].reverse();
    const page = buildComparisonPage({ tools: [side(fusion, 'fusion'), side(terrarium, 'terrarium')], personas: PERSONAS });
    expect(page.scorecard.map((row) => row.persona)).toEqual(['builder', 'skeptic', 'futurist', 'creator', 'operator']);
    expect(page.scorecard[1]?.cells[1]).toBeNull();
    expect(page.scorecard[1]?.cells[0]?.text).toBe('45/100 · skip');
    expect(page.scorecard[4]?.cells).toEqual([null, expect.objectContaining({ quote: 'Runs fine on call.' })]);
  });

  it('shows an incomplete draft panel as such', () => {
    const terrarium = referenceReview(TERRARIUM);
    terrarium.reviews = terrarium.reviews.slice(0, 3);
    terrarium.failures = [{ persona: 'creator', error: 'timeout' }];
    terrarium.panel = aggregateVerdict(terrarium.reviews, 4);
    const page = buildComparisonPage({ tools: [side(approved(FUSION), 'fusion'), side(terrarium, 'terrarium')], personas: PERSONAS });
    expect(page.tools[1].panelComplete).toBe(false);
    expect(page.scorecard[3]?.cells[1]).toBeNull();
  });

  it('falls back to the reviews\' own order without persona files', () => {
    expect(personaOrder([approved(FUSION), approved(TERRARIUM)]).map((persona) => persona.id)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
  });
});
