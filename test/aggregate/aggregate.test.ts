import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  aggregateVerdict,
  panelLabel,
  scoreVerdictIssues,
  verdictForScore,
} from '../../src/aggregate/index.js';

interface ReferenceTool {
  name: string;
  reviews?: Array<{ persona: string; score: number; verdict: 'ship' | 'skip' }>;
  panel: { label?: string; verdict?: string; ship?: number; skip?: number; shipPercent: number };
}

const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/reference/panels.json', import.meta.url), 'utf8'),
) as { tools: ReferenceTool[] };

describe('aggregateVerdict against the published reference panels', () => {
  const withScores = reference.tools.filter((tool) => tool.reviews);

  it('has the two reference panels with per-persona scores', () => {
    expect(withScores.map((tool) => tool.name)).toEqual(['OpenRouter Model Fusion', 'Terrarium']);
  });

  for (const tool of withScores) {
    it(`reproduces every figure of ${tool.name}`, () => {
      const reviews = tool.reviews ?? [];
      // Each published verdict is the one its score implies at the default threshold.
      for (const review of reviews) expect(verdictForScore(review.score)).toBe(review.verdict);
      const panel = aggregateVerdict(reviews, 4);
      expect(panel).toMatchObject(tool.panel);
      expect(panel.complete).toBe(true);
    });
  }

  it('gives Model Fusion a mean of 71.25 and Terrarium 62.5', () => {
    expect(aggregateVerdict(withScores[0]?.reviews ?? []).meanScore).toBe(71.25);
    expect(aggregateVerdict(withScores[1]?.reviews ?? []).meanScore).toBe(62.5);
  });

  it("is consistent with Scion's published 50% (scores not published): 2 of 4 ship", () => {
    const scion = reference.tools.find((tool) => tool.name === 'Google Scion');
    const panel = aggregateVerdict(
      [
        { score: 70, verdict: 'ship' },
        { score: 40, verdict: 'skip' },
        { score: 60, verdict: 'ship' },
        { score: 30, verdict: 'skip' },
      ],
      4,
    );
    expect(panel.shipPercent).toBe(scion?.panel.shipPercent);
    expect(panel.label).toBe('Mixed · 2 ship / 2 skip');
  });
});

describe('panel rules', () => {
  it('labels skip majorities', () => {
    const panel = aggregateVerdict([
      { score: 20, verdict: 'skip' },
      { score: 30, verdict: 'skip' },
      { score: 49, verdict: 'skip' },
      { score: 50, verdict: 'ship' },
    ]);
    expect(panel).toMatchObject({ verdict: 'skip', label: 'Skip · 1 ship / 3 skip', shipPercent: 25, meanScore: 37.25 });
  });

  it('rounds the ship percentage half up for odd panels', () => {
    const panel = aggregateVerdict([
      { score: 90, verdict: 'ship' },
      { score: 90, verdict: 'ship' },
      { score: 10, verdict: 'skip' },
    ]);
    expect(panel.shipPercent).toBe(67);
    expect(panelLabel('ship', 2, 1)).toBe('Ship · 2 ship / 1 skip');
  });

  it('marks a panel with a missing persona incomplete and computes over what was answered', () => {
    const panel = aggregateVerdict(
      [
        { score: 80, verdict: 'ship' },
        { score: 45, verdict: 'skip' },
        { score: 80, verdict: 'ship' },
      ],
      4,
    );
    expect(panel).toMatchObject({ complete: false, ship: 2, skip: 1, shipPercent: 67, label: 'Ship · 2 ship / 1 skip' });
  });

  it('gives a panel no persona answered no verdict, share or mean (none was given)', () => {
    expect(aggregateVerdict([], 4)).toEqual({ verdict: null, label: 'No verdict', ship: 0, skip: 0, shipPercent: null, meanScore: null, complete: false });
  });

  it('flags a verdict that disagrees with its score, honouring the threshold', () => {
    expect(scoreVerdictIssues({ score: 80, verdict: 'ship' })).toEqual([]);
    expect(scoreVerdictIssues({ score: 50, verdict: 'skip' })).toHaveLength(1);
    expect(scoreVerdictIssues({ score: 55, verdict: 'ship' }, 60)).toHaveLength(1);
    expect(verdictForScore(59, 60)).toBe('skip');
  });
});
