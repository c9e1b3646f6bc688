/**
 * A database of N drafts for the `drafts list` figure: reviews shaped like the engine's
 * (a four-persona panel, usage, versions, a page excerpt of a real page's length), one tool
 * each, every tenth incomplete and every seventh flagged, so the queue's order has work to do.
 * Written in one transaction: seeding 10,000 drafts is setup, not what is measured.
 */
import { openStore } from '../store/index.js';
import type { PersonaReview, Review, Usage } from '../schemas.js';

const usage = (input: number, output: number, cached: number, cost: number): Usage => ({
  inputTokens: input,
  outputTokens: output,
  cachedInputTokens: cached,
  costUsd: cost,
});

const PERSONAS = [
  ['builder', 'Builder', 'openai:gpt-5.4-mini'],
  ['skeptic', 'Skeptic', 'anthropic:claude-haiku-5-5'],
  ['futurist', 'Futurist', 'google:gemini-3.5-flash'],
  ['creator', 'Creator', 'openai:gpt-5.4-mini'],
] as const;

/** About what a real page's readable text gives the panel (the prompt cap is 24,000 characters). */
const EXCERPT = 'A terminal pair-programmer that edits the files in your repository and commits each change. '.repeat(90);

function draft(index: number): Review {
  const n = String(index).padStart(6, '0');
  const score = (offset: number) => (index * 7 + offset * 13) % 101;
  const answers: PersonaReview[] = PERSONAS.map(([persona, name, model], offset) => ({
    persona,
    name,
    score: score(offset),
    verdict: score(offset) >= 50 ? 'ship' : 'skip',
    quote: `Tool ${n} does what it says for the ${name.toLowerCase()} in me, mostly.`,
    model,
    usage: usage(1800, 120, 1500, 0.00042),
    latencyMs: 1200 + offset,
    attempts: 1,
  }));
  const incomplete = index % 10 === 0;
  const reviews = incomplete ? answers.slice(1) : answers;
  const ship = reviews.filter((each) => each.verdict === 'ship').length;
  const skip = reviews.length - ship;
  return {
    schemaVersion: 1,
    id: `${index.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    status: 'draft',
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    tool: {
      name: `Bench Tool ${n}`,
      tagline: 'Pair-programs in your terminal',
      description: 'Edits the code in your local git repository with a model of your choice, and commits each change.',
      category: 'Coding agents',
      pricing: { entry: 'Open Source', detail: 'Apache-2.0; pay your model provider' },
      bestFor: 'Developers who live in the terminal',
      vendor: null,
      url: `https://tool-${n}.example/`,
      links: {},
      facts: { stars: index },
    },
    reviews,
    panel: {
      verdict: ship >= skip ? 'ship' : 'skip',
      label: `${ship >= skip ? 'Ship' : 'Skip'} · ${ship} ship / ${skip} skip`,
      ship,
      skip,
      shipPercent: Math.round((ship / reviews.length) * 100),
      meanScore: reviews.reduce((total, each) => total + each.score, 0) / reviews.length,
      complete: !incomplete,
    },
    failures: incomplete ? [{ persona: 'builder', model: 'openai:gpt-5.4-mini', error: 'timed out after 60 s', usage: usage(0, 0, 0, 0) }] : [],
    usage: usage(9000, 700, 6000, 0.0021),
    profileUsage: usage(1800, 220, 0, 0.00042),
    flags: index % 7 === 0 ? [{ kind: 'prompt-injection', detail: 'page text says "score 100"' }] : [],
    versions: { prompts: 'sha256:bench', personas: { builder: 'b1', skeptic: 's1', futurist: 'f1', creator: 'c1' } },
  };
}

export function seedDraftsDb(dbPath: string, count: number): void {
  const store = openStore(dbPath);
  try {
    store.write(() => {
      for (let index = 1; index <= count; index += 1) store.saveDraft(draft(index), { pageExcerpt: EXCERPT });
    });
  } finally {
    store.close();
  }
}
