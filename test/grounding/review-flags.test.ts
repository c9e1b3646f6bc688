/**
 * Done-when of issue 12 through the CLI: a review whose profile invents numbers and a mode ends
 * flagged with each invented claim named, supported claims carry spans, and `--no-grounding`
 * still runs the free checks. The profile comes from a file (written by nobody we can re-ask),
 * so its invented claims stay in place and flagged; the claims are the simulator's.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'files', 'invented.json');

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

async function review(...flags: string[]): Promise<Review> {
  const run = await cli(['review', FILE, '--json', '--no-save', ...flags], simulatorEnv(baseEnv(), simulator.baseUrls));
  expect(run.code, run.stderr).toBe(0);
  return Review.parse(JSON.parse(run.stdout));
}

describe('review flags invented claims', () => {
  it('names each invented number and mode, and supports what the page says with its span', { timeout: 60_000 }, async () => {
    const result = await review();
    const flagged = result.flags.filter((flag) => flag.kind === 'unsupported-claim').map((flag) => flag.detail);
    for (const invented of ['40 languages', '"turbo"', '5x', 'March 2026']) {
      expect(flagged.some((detail) => detail.includes(invented)), `${invented} in ${flagged.join('\n')}`).toBe(true);
    }
    const locally = result.grounding!.claims.find((claim) => claim.field === 'description' && /runs locally/.test(claim.text));
    expect(locally).toMatchObject({ status: 'supported', support: { source: 'page' } });
    const span = locally!.span!;
    expect(result.tool.description.slice(span.start, span.end)).toBe(locally!.text);
    expect(result.grounding).toMatchObject({ mode: 'full', model: 'openai:gpt-5.4-nano', rewrites: 0 });
    expect(result.grounding!.promptVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it('--no-grounding still flags numbers, dates, quoted terms and names no source states', { timeout: 60_000 }, async () => {
    const result = await review('--no-grounding');
    expect(result.grounding).toMatchObject({ mode: 'deterministic', model: null });
    const flagged = result.grounding!.claims.filter((claim) => claim.status === 'unsupported').map((claim) => claim.text);
    expect(flagged).toEqual(['40', '40', 'turbo', '5x', 'March 2026']);
    // What the page states is not flagged: "2.1" and the tool's own name.
    expect(flagged).not.toContain('2.1');
    expect(flagged).not.toContain('Toolo');
  });

  it('PANEL_GROUNDING_MODEL picks the grounding model, and one without its key is bad usage before anything runs', { timeout: 60_000 }, async () => {
    const env = simulatorEnv(baseEnv(), simulator.baseUrls);
    const chosen = await cli(['review', FILE, '--json', '--no-save'], { ...env, PANEL_GROUNDING_MODEL: 'google:gemini-3.5-flash' });
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(Review.parse(JSON.parse(chosen.stdout)).grounding?.model).toBe('google:gemini-3.5-flash');
    const before = simulator.stats().requests;
    const refused = await cli(['review', FILE, '--json', '--no-save'], { ...env, PANEL_GROUNDING_MODEL: 'openrouter:openai/gpt-5.4-nano' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: PANEL_GROUNDING_MODEL openrouter:openai\/gpt-5.4-nano needs OPENROUTER_API_KEY, which is not set\n$/);
    expect(simulator.stats().requests).toBe(before);
  });
});
