/**
 * Calibration test input: synthetic reviews with known per-persona ship rates (hand-built test
 * input, not model output), and a seeded editor who approves most drafts through the desk,
 * corrects some personas' scores on the way and rejects a few.
 */
import { aggregateVerdict } from '../../src/aggregate/index.js';
import { seeded } from '../../src/stats/index.js';
import type { Desk } from '../../src/editor/index.js';
import type { PersonaReview, Review } from '../../src/schemas.js';
import type { Store } from '../../src/store/index.js';
import { sampleReview } from '../store/sample-review.js';

export const PERSONAS = [
  { persona: 'builder', name: 'Builder', model: 'openai:gpt-5.4-mini' },
  { persona: 'skeptic', name: 'Skeptic', model: 'anthropic:claude-haiku-5-5' },
  { persona: 'futurist', name: 'Futurist', model: 'google:gemini-3.5-flash' },
  { persona: 'creator', name: 'Creator', model: 'openai:gpt-5.4-mini' },
] as const;

/** `count` reviews, one tool each, a day apart from 2026-01-05; persona i ships with `shipRates[i]`. */
export function syntheticReviews(count: number, shipRates: readonly number[], options: { seed?: number; simulated?: boolean; names?: readonly string[] } = {}): Review[] {
  const random = seeded(options.seed ?? 7);
  const base = sampleReview();
  return Array.from({ length: count }, (_, index) => {
    const reviews: PersonaReview[] = PERSONAS.map((each, slot) => {
      const ships = random() < (shipRates[slot] ?? 0.5);
      const score = ships ? 55 + Math.floor(random() * 40) : 15 + Math.floor(random() * 30);
      const template = base.reviews[slot] as PersonaReview;
      return { ...template, persona: each.persona, name: options.names?.[slot] ?? each.name, model: each.model, score, verdict: ships ? 'ship' : 'skip' };
    });
    return {
      ...base,
      id: `${String(index + 1).padStart(8, '0')}-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      createdAt: new Date(Date.UTC(2026, 0, 5 + index)).toISOString(),
      tool: { ...base.tool, name: `Tool ${index + 1}`, url: `https://tool-${index + 1}.example.com/` },
      reviews,
      panel: aggregateVerdict(reviews, 4),
      ...(options.simulated ? { simulated: true } : {}),
    };
  });
}

export interface Decisions {
  approved: number;
  rejected: number;
  /** Persona edits that moved the verdict across the line, and edits that only nudged the score. */
  verdictEdits: number;
  scoreNudges: number;
}

/**
 * The seeded editor: rejects ~6% of drafts; on the rest, per persona, moves the score across
 * the ship line 10% of the time (a verdict change) and nudges it by 3 points on its own side
 * 10% of the time, then approves.
 */
export function decide(desk: Desk, store: Store, ids: readonly string[], seed = 11): Decisions {
  const random = seeded(seed);
  const result: Decisions = { approved: 0, rejected: 0, verdictEdits: 0, scoreNudges: 0 };
  for (const id of ids) {
    if (random() < 0.06) {
      desk.reject(id, 'Ann', 'Wrong page: the intake read a landing page of another product.');
      result.rejected += 1;
      continue;
    }
    const review = store.getReview(id);
    for (const persona of review?.reviews ?? []) {
      const roll = random();
      if (roll < 0.1) {
        const score = persona.verdict === 'ship' ? Math.max(0, persona.score - 25) : Math.min(100, persona.score + 25);
        const crossed = persona.verdict === 'ship' ? Math.min(score, 49) : Math.max(score, 50);
        // The seeded editor keeps the quote: the calibration figures are about the verdicts.
        desk.edit(id, persona.persona, { score: crossed, keepQuote: true }, 'Ann');
        result.verdictEdits += 1;
      } else if (roll < 0.2) {
        const nudged = persona.verdict === 'ship' ? Math.min(100, Math.max(50, persona.score + 3)) : Math.max(0, Math.min(49, persona.score - 3));
        if (nudged !== persona.score) {
          desk.edit(id, persona.persona, { score: nudged }, 'Ann');
          result.scoreNudges += 1;
        }
      }
    }
    desk.approve(id, 'Ann', {}, { allowUnchecked: true });
    result.approved += 1;
  }
  return result;
}
