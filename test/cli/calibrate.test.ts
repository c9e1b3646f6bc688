/** `calibrate` on the command line: text, --json (the zod schema), --svg DIR, an empty store, simulated reviews, bad usage. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { CalibrationReport } from '../../src/calibrate/index.js';
import { createDesk } from '../../src/editor/index.js';
import { openStore } from '../../src/store/index.js';
import { decide, syntheticReviews } from '../calibrate/fixture.js';
import { baseEnv, cli } from '../helpers/cli.js';

function filledEnv(options: { simulated?: boolean } = {}): Record<string, string | undefined> {
  const env = baseEnv();
  const store = openStore(env.PANEL_DB as string);
  const reviews = syntheticReviews(40, [0.6, 0.3, 0.95, 0.6], options);
  for (const review of reviews) store.saveDraft(review);
  decide(createDesk(store, { threshold: 50, allowSimulated: true }), store, reviews.map((review) => review.id));
  store.close();
  return env;
}

const tempFolder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'panel-calibrate-'));

describe('calibrate', () => {
  it('an empty store: one clear line, exit 0', async () => {
    const run = await cli(['calibrate'], baseEnv());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      'Calibration · 0 reviews (0 approved, 0 rejected, 0 drafts) · simulated reviews excluded\nNo approved reviews yet: editor changes and κ need reviews that editors approved.\n',
    );
  });

  it('prints the table, the κ lines, independence and the flag', async () => {
    const run = await cli(['calibrate'], filledEnv());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Calibration · 40 reviews \(39 approved, 1 rejected, 0 drafts\) · simulated reviews excluded\n/);
    expect(run.stdout).toMatch(/Futurist +google:gemini-3\.5-flash +40 +9\d% ⚑/);
    expect(run.stdout).toMatch(/Builder \(openai:gpt-5\.4-mini\): 0\.\d\d \(95% CI 0\.\d\d–\d\.\d\d, n=39\)/);
    expect(run.stdout).toMatch(/n_eff = \d\.\d\d independent votes of 4/);
    expect(run.stdout).toMatch(/⚑ Futurist on google:gemini-3\.5-flash ships 9\d% of 40 reviews: outside the 20–80% band\./);
    // A band that holds every persona: no flag.
    const wide = await cli(['calibrate', '--band', '5-99'], filledEnv());
    expect(wide.stdout).not.toContain('⚑');
  });

  it('--json is the report schema, the same on every run; --svg DIR writes the plots, deterministically', async () => {
    const env = filledEnv();
    const first = await cli(['calibrate', '--json'], env);
    expect(first.code).toBe(0);
    const report = CalibrationReport.parse(JSON.parse(first.stdout));
    expect(report.personas.find((row) => row.name === 'Futurist')?.outOfBand).toBe(true);
    expect((await cli(['calibrate', '--json'], env)).stdout).toBe(first.stdout);

    const dir = path.join(tempFolder(), 'plots');
    const svg = await cli(['calibrate', '--svg', dir], env);
    expect(svg.code).toBe(0);
    expect(svg.stderr).toBe(`Wrote 6 SVG plots to ${dir}\n`);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual([
      'correlation.svg',
      'histogram-builder-openai-gpt-5.4-mini.svg',
      'histogram-creator-openai-gpt-5.4-mini.svg',
      'histogram-futurist-google-gemini-3.5-flash.svg',
      'histogram-skeptic-anthropic-claude-haiku-5-5.svg',
      'ship-rate.svg',
    ]);
    const before = files.map((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const text of before) {
      const $ = load(text, { xml: true });
      expect($('svg').attr('width')).toMatch(/^\d+$/);
      expect($('svg > title').text()).not.toBe('');
    }
    await cli(['calibrate', '--svg', dir], env);
    expect(files.map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))).toEqual(before);
  });

  it('simulated reviews only with --include-simulated, and labelled', async () => {
    const env = filledEnv({ simulated: true });
    expect((await cli(['calibrate'], env)).stdout).toMatch(/^Calibration · 0 reviews/);
    const included = await cli(['calibrate', '--include-simulated'], env);
    expect(included.stdout).toMatch(/^Calibration · 40 reviews \(39 approved, 1 rejected, 0 drafts\) · SIMULATED reviews included \(40\)\n/);
  });

  it('bad usage is one line and exit 2', async () => {
    const env = baseEnv();
    const file = path.join(tempFolder(), 'a-file');
    fs.writeFileSync(file, 'x');
    for (const [args, message] of [
      [['--band', '80-20'], /^error: --band must look like 20-80/],
      [['--band', 'wide'], /^error: --band must look like 20-80/],
      [['--agreement', '1.5'], /^error: --agreement must be a number from 0 to 1/],
      [['--by', 'year'], /^error: --by is week or month, got "year"/],
      [['--svg', file], /^error: --svg ".*" is a file, not a folder/],
      [['extra'], /^error: calibrate takes no arguments/],
    ] as const) {
      const run = await cli(['calibrate', ...args], env);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    const badEnv = await cli(['calibrate'], { ...env, PANEL_SHIP_BAND: '90-10' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/PANEL_SHIP_BAND must look like 20-80/);
  });
});
