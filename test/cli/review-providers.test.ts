/**
 * `review --json` end to end against the simulator, one provider at a time, through the real
 * SDKs and the `*_BASE_URL` variables: the printed JSON must be the spec's shape, and the
 * panel must be computed from exactly what the simulated models answered.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateVerdict } from '../../src/aggregate/index.js';
import { projectPaths } from '../../src/paths.js';
import { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

const PAGE = path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html');

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const providers = [
  { provider: 'openai', wire: 'openai', env: (s: Simulator) => ({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: s.baseUrls.openai }) },
  { provider: 'anthropic', wire: 'anthropic', env: (s: Simulator) => ({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: s.baseUrls.anthropic }) },
  { provider: 'google', wire: 'gemini', env: (s: Simulator) => ({ GEMINI_API_KEY: 'k', GOOGLE_GEMINI_BASE_URL: s.baseUrls.google }) },
] as const;

describe.each(providers)('review --json with only $provider configured', ({ provider, wire, env }) => {
  it('runs the whole default panel on that provider and prints the spec JSON', async () => {
    const before = simulator.calls.length;
    // Grounding off: this test pins the panel to exactly the five calls' answers (grounding has its own tests).
    const run = await cli(['review', PAGE, '--json', '--no-save', '--no-grounding'], baseEnv(env(simulator)));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const review = Review.parse(JSON.parse(run.stdout));
    expect(review).toMatchObject({ schemaVersion: 1, status: 'draft', failures: [], flags: [] });
    expect(review.reviews.map((each) => each.persona)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
    for (const each of review.reviews) expect(each.model.startsWith(`${provider}:`)).toBe(true);

    // The panel is exactly the aggregate of what the models answered: compare with the answers
    // the simulator actually sent, matched to each persona by its `Persona:` line.
    const calls = simulator.calls.slice(before).filter((call) => call.provider === wire);
    expect(calls).toHaveLength(5); // profile + four personas
    for (const each of review.reviews) {
      const call = calls.find((candidate) => candidate.promptText.includes(`Persona: ${each.name}\n`));
      const answered = JSON.parse(call?.answerText ?? 'null') as { score: number; verdict: string; quote: string; confidence: number };
      expect({ score: each.score, verdict: each.verdict, quote: each.quote, confidence: each.confidence }).toEqual(answered);
    }
    expect(review.panel).toEqual(aggregateVerdict(review.reviews, 4));

    // Usage is reported per call and in total, priced from data/prices.json.
    const summed = review.reviews.reduce((sum, each) => sum + each.usage.inputTokens, 0) + (review.profileUsage?.inputTokens ?? 0);
    expect(review.usage.inputTokens).toBe(summed);
    expect(review.usage.costUsd).toBeGreaterThan(0);
    for (const each of review.reviews) expect(each.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe('a panel spanning all three providers', () => {
  it('uses each persona default model and reports cached input tokens', async () => {
    const run = await cli(
      ['review', PAGE, '--json', '--no-save'],
      baseEnv({ ...providers[0].env(simulator), ...providers[1].env(simulator), ...providers[2].env(simulator) }),
    );
    expect(run.code).toBe(0);
    const review = Review.parse(JSON.parse(run.stdout));
    expect(new Set(review.reviews.map((each) => each.model.split(':')[0]))).toEqual(new Set(['openai', 'anthropic', 'google']));
    expect(review.versions.prompts).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.keys(review.versions.personas)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
  });

  it('--model puts every persona on one model, --persona-model overrides one', async () => {
    const run = await cli(
      ['review', PAGE, '--json', '--no-save', '--model', 'anthropic:claude-haiku-5-5', '--persona-model', 'skeptic=google:gemini-3.5-flash'],
      baseEnv({ ...providers[1].env(simulator), ...providers[2].env(simulator) }),
    );
    expect(run.code).toBe(0);
    const review = Review.parse(JSON.parse(run.stdout));
    expect(Object.fromEntries(review.reviews.map((each) => [each.persona, each.model]))).toEqual({
      builder: 'anthropic:claude-haiku-5-5',
      skeptic: 'google:gemini-3.5-flash',
      futurist: 'anthropic:claude-haiku-5-5',
      creator: 'anthropic:claude-haiku-5-5',
    });
  });

  it('PANEL_MODEL sets every persona when no flag is given', async () => {
    const run = await cli(
      ['review', PAGE, '--json', '--no-save'],
      baseEnv({ ...providers[0].env(simulator), ...providers[2].env(simulator), PANEL_MODEL: 'google:gemini-3.5-flash' }),
    );
    const review = Review.parse(JSON.parse(run.stdout));
    expect(new Set(review.reviews.map((each) => each.model))).toEqual(new Set(['google:gemini-3.5-flash']));
  });
});

describe('a tool page fetched over HTTP', () => {
  it('is read through the safe fetcher and reviewed, its URL kept as the tool URL', async () => {
    const { createServer } = await import('node:http');
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(PAGE);
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    try {
      const run = await cli(
        ['review', url, '--json', '--no-save'],
        // Loopback is refused unless this is set: it exists for tests and local development.
        baseEnv({ ...providers[0].env(simulator), PANEL_ALLOW_PRIVATE_URLS: '1' }),
      );
      expect(run.code).toBe(0);
      const review = Review.parse(JSON.parse(run.stdout));
      expect(review.tool.url).toBe(url);
      expect(review.tool.name).toBe('Aider');
      const profileCall = simulator.calls.findLast((call) => call.promptText.includes('Title: Aider'));
      // The page text reaches the model only inside the untrusted-data fence.
      expect(profileCall?.promptText).toMatch(/<untrusted_data source="[^"]*">[\s\S]*aider[\s\S]*<\/untrusted_data>/i);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
