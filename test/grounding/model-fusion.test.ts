/**
 * Issue 12's measure on the case that started it: the reference site's description of OpenRouter
 * Model Fusion, checked against OpenRouter's own Fusion docs (fixtures/recorded/grounding, see
 * SOURCES.md). The claims are listed and matched by the simulator (deterministic, from the text
 * in the prompt, see src/simulator/grounding.ts), not by a real model; the free checks and the
 * verbatim rule are the engine's own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../../src/paths.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { ground } from './setup.js';

const DIR = path.join(projectPaths.fixtures, 'recorded', 'grounding');
const DOCS = path.join(DIR, 'fusion-router.mdx');
const DESCRIPTION = readFileSync(path.join(DIR, 'model-fusion-description.txt'), 'utf8').trim();
// Our own paraphrase of the docs' "Cost" section, standing in for a reviewer's quote.
const COST_QUOTE = 'Every request runs the panel calls plus one judge call on top of your normal request, so cost scales linearly with panel size.';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

describe('Model Fusion against its docs', () => {
  it('flags the invented modes and the overhead figure and supports the true statements with spans', { timeout: 60_000 }, async () => {
    const outcome = await ground(simulator, {
      file: DOCS,
      profile: () => ({ name: 'OpenRouter Model Fusion', tagline: 'Run a prompt through multiple LLMs simultaneously and fuse the best answer into one', description: DESCRIPTION }),
      quotes: { builder: COST_QUOTE },
    });
    const { claims } = outcome.grounding;
    const claim = (pattern: RegExp) => {
      const found = claims.find((candidate) => pattern.test(candidate.text));
      expect(found, `a claim matching ${pattern} in ${claims.map((c) => c.text).join(' | ')}`).toBeDefined();
      return found!;
    };
    for (const invented of [/"best-of"/, /"debate"/, /three fusion modes/, /20-30%/]) {
      const flagged = claim(invented);
      expect(flagged.status, flagged.text).toBe('unsupported');
      expect(outcome.flags.some((flag) => flag.kind === 'unsupported-claim' && flag.detail.includes(flagged.id))).toBe(true);
    }
    const source = outcome.source.text;
    for (const [pattern, words] of [[/in parallel/, /in parallel/], [/judge model/, /judge/], [/judge call/, /judge call/]] as const) {
      const supported = claim(pattern);
      expect(supported.status, supported.text).toBe('supported');
      const support = supported.support!;
      expect(support.source).toBe('page');
      expect(source.slice(support.start, support.end)).toBe(support.quote);
      expect(support.quote).toMatch(words);
      // The claim's own span in the description or quote.
      expect(supported.span).not.toBeNull();
    }
    // The description came from the reference page, not a model: nobody to re-ask, so it stands as written.
    expect(outcome.profile.description).toBe(DESCRIPTION);
    const unsupported = claims.filter((c) => c.status === 'unsupported');
    console.log(
      `Model Fusion (simulator): ${claims.length} claims, ${unsupported.length} unsupported:\n` +
        claims.map((c) => `  ${c.status === 'supported' ? '✓' : '✗'} [${c.field}] ${c.text}${c.support ? `  ← ${c.support.method}: "${c.support.quote.slice(0, 70)}"` : `  (${c.reason})`}`).join('\n'),
    );
  });
});
