import { describe, expect, it } from 'vitest';
import { generateAnswer } from '../../src/simulator/answers.js';
import { createAnswerTuner } from '../../src/simulator/persona-tuning.js';
import { isConsistentPersona, personaSchema, personaTail, sharedPrefix } from './fixtures.js';

type Answer = { score: number; verdict: 'ship' | 'skip'; quote: string; confidence?: number };

const withConfidence = {
  ...personaSchema,
  properties: { ...(personaSchema.properties as object), confidence: { type: 'integer', minimum: 0, maximum: 100 } },
};

function promptFor(tool: number, persona: string): string {
  return `${sharedPrefix.replace('Cursor', `Tool ${tool}`)}\nTool: Tool ${tool}\n${personaTail(persona)}`;
}

describe('seeded persona bias (issue 14)', () => {
  it('recovers the configured ship rate per matched persona, and leaves others unchanged', () => {
    const tune = createAnswerTuner([{ match: 'Persona: Futurist', shipRate: 0.9 }, { match: 'Persona: Skeptic', shipRate: 0.2 }]);
    const rate = (persona: string) => {
      const verdicts = Array.from({ length: 400 }, (_, tool) => {
        const prompt = promptFor(tool, persona);
        return (generateAnswer(personaSchema, prompt, tune(prompt)).value as Answer).verdict;
      });
      return verdicts.filter((verdict) => verdict === 'ship').length / verdicts.length;
    };
    // 400 tools: the binomial SD is ≤ 0.025, so ±0.07 is nearly three of them.
    expect(Math.abs(rate('Futurist') - 0.9)).toBeLessThan(0.07);
    expect(Math.abs(rate('Skeptic') - 0.2)).toBeLessThan(0.07);
    const plain = promptFor(7, 'Builder');
    expect(tune(plain)).toBeUndefined();
    expect(generateAnswer(personaSchema, plain, tune(plain))).toEqual(generateAnswer(personaSchema, plain));
  });

  it('varies repeats of the same prompt only when noise is set, deterministically per run number', () => {
    const prompt = promptFor(3, 'Creator');
    const runs = (noise: number) => {
      const tune = createAnswerTuner([{ match: '', noise }]);
      return Array.from({ length: 8 }, () => generateAnswer(personaSchema, prompt, tune(prompt)).value as Answer);
    };
    const steady = runs(0);
    expect(new Set(steady.map((answer) => answer.score)).size).toBe(1);
    const noisy = runs(15);
    expect(new Set(noisy.map((answer) => answer.score)).size).toBeGreaterThan(1);
    expect(noisy.every(isConsistentPersona)).toBe(true);
    // A fresh simulator replays the same runs in the same order.
    expect(runs(15)).toEqual(noisy);
  });

  it('fills a confidence that grows with the distance from the ship line', () => {
    const tune = createAnswerTuner([{ match: '' }]);
    const answers = Array.from({ length: 200 }, (_, tool) => {
      const prompt = promptFor(tool, 'Builder');
      return generateAnswer(withConfidence, prompt, tune(prompt)).value as Answer;
    });
    const near = answers.filter((answer) => Math.abs(answer.score - 50) <= 8).map((answer) => answer.confidence ?? 0);
    const far = answers.filter((answer) => Math.abs(answer.score - 50) >= 30).map((answer) => answer.confidence ?? 0);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(near.length).toBeGreaterThan(5);
    expect(far.length).toBeGreaterThan(5);
    expect(mean(far)).toBeGreaterThan(mean(near) + 20);
    expect(answers.every((answer) => answer.confidence !== undefined && answer.confidence >= 0 && answer.confidence <= 100)).toBe(true);
  });
});
