/**
 * When every persona fails there is no panel verdict: the JSON says null (not "Mixed", not a
 * mean of 0), the summary, the desk and a comparison preview say "No verdict", and the desk
 * will not approve it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComparisonPage } from '../../src/publish/index.js';
import { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

let failing: Simulator;
let working: Simulator;
beforeAll(async () => {
  // Every answer breaks the schema, re-asks included: each persona ends as a failure.
  failing = await startSimulator({ faults: { invalidAnswer: 1 } });
  working = await startSimulator();
});
afterAll(async () => {
  await Promise.all([failing.close(), working.close()]);
});

function profile(name: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'no-verdict-')), `${name.toLowerCase()}.json`);
  writeFileSync(file, JSON.stringify({
    name, tagline: `${name} does one thing`, description: `${name} is a tool.`, category: 'Coding',
    pricing: { entry: 'Free', detail: '' }, bestFor: 'testing', vendor: null, url: `https://${name.toLowerCase()}.example.com/`,
  }));
  return file;
}

describe('an all-failed panel', () => {
  const shared = baseEnv({ OPENAI_API_KEY: 'k', EDITOR_NAME: 'Ann', PANEL_MAX_RETRIES: '0' });
  const on = (simulator: Simulator) => ({ ...shared, OPENAI_BASE_URL: simulator.baseUrls.openai });

  it('has no verdict in the JSON, the summary, the desk and the comparison preview; approve refuses it', async () => {
    const json = await cli(['review', profile('Broken'), '--json'], on(failing));
    expect(json.code, json.stderr).toBe(1);
    const review = Review.parse(JSON.parse(json.stdout));
    expect(review.failures).toHaveLength(4);
    expect(review.panel).toEqual({ verdict: null, label: 'No verdict', ship: 0, skip: 0, shipPercent: null, meanScore: null, complete: false });

    const summary = await cli(['review', profile('Broken'), '--no-save'], on(failing));
    expect(summary.stdout).toMatch(/^Panel: No verdict — no persona answered {2}\[INCOMPLETE: 4 persona\(s\) failed\]$/m);
    expect(summary.stdout).not.toMatch(/Mixed|mean score 0|0% panel ship/);

    const show = await cli(['drafts', 'show', review.id], on(failing));
    expect(show.stdout).toMatch(/^Panel: No verdict — no persona answered/m);
    const list = await cli(['drafts', 'list'], on(failing));
    expect(list.stdout).toMatch(/No verdict +— /);
    expect(list.stdout).not.toMatch(/Mixed/);

    const approve = await cli(['drafts', 'approve', review.id], on(failing));
    expect(approve.code).toBe(2);
    expect(approve.stderr).toMatch(/^error: review \w+ \(Broken\) is incomplete: builder, skeptic, futurist, creator failed/);

    const other = await cli(['review', profile('Fine')], on(working));
    expect(other.code, other.stderr).toBe(0);
    const compare = await cli(['compare', review.id, 'fine', '--drafts', '--json'], on(working));
    expect(compare.code, compare.stderr).toBe(0);
    const card = ComparisonPage.parse(JSON.parse(compare.stdout)).tools[0];
    expect(card).toMatchObject({ verdict: null, verdictWord: 'No verdict', panelLabel: 'No verdict', shipPercent: null, shipPercentText: '—' });
    const text = await cli(['compare', review.id, 'fine', '--drafts'], on(working));
    expect(text.stdout).toMatch(/^ {2}No verdict · — panel ship/m);
  });
});
