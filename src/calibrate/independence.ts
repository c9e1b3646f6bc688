/**
 * Are the personas independent votes? From the reviews in which every persona of the usual
 * panel gave a model answer: pairwise verdict agreement, the Pearson correlation of scores and
 * the effective number of independent votes (stats.ts `effectiveVotes`).
 */
import type { LoadedReview, PersonaAnswer } from './load.js';
import type { Independence } from './schema.js';
import { effectiveVotes, pearson } from '../stats/index.js';

/** The most common panel (by persona ids) among the reviews, in its panel order. */
function usualPanel(reviews: readonly LoadedReview[]): Array<{ persona: string; name: string }> {
  const counts = new Map<string, { count: number; personas: Array<{ persona: string; name: string }> }>();
  for (const review of reviews) {
    if (review.personas.length < 2) continue;
    const key = review.personas.map((each) => each.persona).sort().join('\u0000');
    const entry = counts.get(key);
    if (entry == null) counts.set(key, { count: 1, personas: review.personas.map(({ persona, name }) => ({ persona, name })) });
    else entry.count += 1;
  }
  let best: { count: number; personas: Array<{ persona: string; name: string }> } | undefined;
  for (const entry of counts.values()) if (best == null || entry.count > best.count) best = entry;
  return best?.personas ?? [];
}

export function independenceOf(reviews: readonly LoadedReview[], level: number, minimum: number): Independence {
  const personas = usualPanel(reviews);
  const complete: PersonaAnswer[][] = [];
  for (const review of reviews) {
    const answers = personas.map((each) => review.personas.find((persona) => persona.persona === each.persona)?.modelAnswer ?? null);
    if (answers.every((answer): answer is PersonaAnswer => answer != null)) complete.push(answers);
  }
  const n = complete.length;
  const size = personas.length;
  const empty = Array.from({ length: size }, () => Array.from({ length: size }, () => null));
  if (n < minimum || size < 2) {
    return {
      reviews: n,
      personas,
      agreement: empty,
      correlation: empty,
      effectiveVotes: null,
      namedPairs: [],
      note: `not enough data: ${n} review${n === 1 ? '' : 's'} with every persona answered, the matrix needs ${minimum}`,
    };
  }
  const column = (index: number) => complete.map((answers) => answers[index] as PersonaAnswer);
  const agreement: number[][] = [];
  const correlation: Array<Array<number | null>> = [];
  for (let i = 0; i < size; i++) {
    agreement.push([]);
    correlation.push([]);
    for (let j = 0; j < size; j++) {
      const a = column(i);
      const b = column(j);
      agreement[i]?.push(a.filter((answer, index) => answer.verdict === b[index]?.verdict).length / n);
      correlation[i]?.push(i === j ? 1 : clamp(pearson(a.map((x) => x.score), b.map((x) => x.score))));
    }
  }
  const namedPairs: Independence['namedPairs'] = [];
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const value = agreement[i]?.[j] ?? 0;
      if (value >= level) namedPairs.push({ a: personas[i]?.persona ?? '', b: personas[j]?.persona ?? '', agreement: value });
    }
  }
  const votes = effectiveVotes(correlation);
  return {
    reviews: n,
    personas,
    agreement,
    correlation,
    effectiveVotes: votes,
    namedPairs,
    note: votes == null ? 'n_eff undefined: a persona gave the same score on every review, so its correlation is undefined' : null,
  };
}

/** Rounding can put r a hair outside [-1, 1]. */
const clamp = (value: number | null) => (value == null ? null : Math.min(1, Math.max(-1, value)));
