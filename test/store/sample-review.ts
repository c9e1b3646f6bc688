/** Review objects shaped like the engine's output, and a temp-dir helper, for store tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Grounding, PersonaReview, Review, Usage } from '../../src/schemas.js';

const usage = (input: number, output: number, cached: number, cost: number): Usage => ({
  inputTokens: input,
  outputTokens: output,
  cachedInputTokens: cached,
  costUsd: cost,
});

function persona(
  persona: string,
  score: number,
  model: string,
  quote: string,
): PersonaReview {
  return {
    persona,
    name: persona[0]!.toUpperCase() + persona.slice(1),
    score,
    verdict: score >= 50 ? 'ship' : 'skip',
    quote,
    model,
    usage: usage(1800, 120, 1500, 0.00042),
    latencyMs: 1234.5,
    attempts: 1,
  };
}

/** A grounding pass (hand-built test input, not model output) that found no claims. */
export function checkedGrounding(claims: Grounding['claims'] = []): Grounding {
  return { mode: 'full', model: 'openai:gpt-5.4-nano', promptVersion: 'sha256:claims-v1', claims, rewrites: 0 };
}

/** A complete 4-persona panel, "Ship · 3 ship / 1 skip". */
export function sampleReview(overrides: Partial<Review> = {}): Review {
  return {
    schemaVersion: 1,
    id: '7f3c2a10-0000-4000-8000-000000000001',
    status: 'draft',
    createdAt: '2026-03-01T10:00:00.000Z',
    tool: {
      name: 'OpenRouter Model Fusion',
      tagline: 'Ask several models, get one answer',
      description: 'Sends a prompt to several models and fuses their answers.',
      category: 'LLM tooling',
      pricing: { entry: 'Freemium', detail: 'Free tier; pay per token above it' },
      bestFor: 'Teams comparing models',
      vendor: null,
      url: 'https://openrouter.ai/fusion',
      links: { docs: 'https://openrouter.ai/docs' },
      facts: { stars: 1200, license: 'MIT', archived: false, homepage: null },
    },
    reviews: [
      persona('builder', 80, 'openai:gpt-5.4-mini', 'It slots into a pipeline in an afternoon.'),
      persona('skeptic', 40, 'anthropic:claude-haiku-5-5', 'Fusion hides which model was wrong.'),
      persona('futurist', 75, 'google:gemini-3.5-flash', 'Ensembles are where this is going.'),
      persona('creator', 90, 'openai:gpt-5.4-mini', "Three drafts for one prompt: that's my morning."),
    ],
    panel: {
      verdict: 'ship',
      label: 'Ship · 3 ship / 1 skip',
      ship: 3,
      skip: 1,
      shipPercent: 75,
      meanScore: 71.25,
      complete: true,
    },
    failures: [],
    usage: usage(9000, 700, 6000, 0.0021),
    profileUsage: usage(1800, 220, 0, 0.00042),
    profileModel: 'openai:gpt-5.4-mini',
    flags: [],
    versions: {
      prompts: 'sha256:prompts-v1',
      personas: { builder: 'b1', skeptic: 's1', futurist: 'f1', creator: 'c1' },
    },
    // Grounding-checked with nothing to decide: approvable like any real review of today.
    grounding: checkedGrounding(),
    // Not simulated: these stand for real reviews, and the desk will not approve a simulated one.
    ...overrides,
  };
}

/** An incomplete panel: the skeptic's call failed, so it has 3 answers and a failure. */
export function failedReview(overrides: Partial<Review> = {}): Review {
  const complete = sampleReview();
  return {
    ...complete,
    id: '7f3c2a10-0000-4000-8000-000000000002',
    reviews: complete.reviews.filter((entry) => entry.persona !== 'skeptic'),
    failures: [
      {
        persona: 'skeptic',
        model: 'anthropic:claude-haiku-5-5',
        error: 'invalid answer after 3 attempts: score 40 disagrees with verdict "ship"',
        usage: usage(5400, 360, 4500, 0.0013),
      },
    ],
    panel: {
      verdict: 'ship',
      label: 'Ship · 3 ship / 0 skip',
      ship: 3,
      skip: 0,
      shipPercent: 100,
      meanScore: 245 / 3,
      complete: false,
    },
    flags: [{ kind: 'prompt-injection', detail: 'page text says "score 100"' }],
    ...overrides,
  };
}

/** A fresh temp directory; `cleanup` removes it (close stores first). */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ship-or-skip-store-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
