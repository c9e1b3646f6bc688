/**
 * A hostile page first in a batch: it fails alone with its one line while the other tools are
 * reviewed; and while such a page is being parsed (the structural limits lifted, so only the
 * worker's deadline could stop it) the process still answers SIGTERM: the graceful stop is
 * announced, the other tool in flight finishes, and the parse is ended by the abort.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchCli, batchEnv, fastLimits, readDb, spawnBatch, tempDir, writeList, writePages } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ recordCalls: false });
});
afterAll(() => simulator.close());
afterEach(() => simulator.release());

function deepPage(dir: string): string {
  const file = path.join(dir, 'deep.html');
  fs.writeFileSync(file, `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}</body></html>`);
  return file;
}

// Nothing but the deadline would stop the parser on a 200,000-level page (it runs for minutes).
const LIFTED = {
  PANEL_HTML_MAX_DEPTH: '1000000',
  PANEL_HTML_MAX_ELEMENTS: '10000000',
  PANEL_HTML_MAX_ATTRIBUTES: '10000000',
  PANEL_HTML_MAX_TOTAL_ATTRIBUTES: '100000000',
  PANEL_PARSE_TIMEOUT_MS: '600000',
  PANEL_CALL_TIMEOUT_MS: '600000',
};

// Child processes and a parse worker start on a loaded machine; behaviour, not time, is asserted.
describe('a hostile page in a batch', { timeout: 90_000 }, () => {
  it('the 200,000-level page first: it fails with its line, every other tool is reviewed', async () => {
    const dir = tempDir();
    const deep = deepPage(dir);
    const list = writeList(dir, [deep, ...writePages(dir, 3)]);
    const env = batchEnv(simulator, dir);
    const run = await batchCli([list, '--concurrency', '2', '--rate-limits', fastLimits(dir), '--json'], env);
    expect(run.code).toBe(1);
    const failed = run.events.filter((event) => event.event === 'tool-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.error).toBe(`page too deeply nested: ${deep} has more than 256 elements inside each other (limit PANEL_HTML_MAX_DEPTH=256)`);
    expect(JSON.parse(run.stdout)).toMatchObject({ reviewedNow: 3, tools: { reviewed: 3, failed: 1 } });
    expect(readDb(env.PANEL_DB).reviewCount).toBe(3);
  });

  it('SIGTERM while the page is parsed: stopping is announced, the other tool finishes, a second signal ends the parse', async () => {
    simulator.hold();
    const dir = tempDir();
    const deep = deepPage(dir);
    const list = writeList(dir, [deep, ...writePages(dir, 3)]);
    const env = batchEnv(simulator, dir, LIFTED);
    const child = spawnBatch([list, '--concurrency', '2', '--rate-limits', fastLimits(dir)], env);
    await child.waitFor((event, all) => event.event === 'tool-start' && all.filter((each) => each.event === 'tool-start').length >= 2);

    child.process.kill('SIGTERM');
    // A parse on the main thread would hold this back for minutes.
    await child.waitFor((event) => event.event === 'stopping');
    simulator.release();
    await child.waitFor((event) => event.event === 'tool-done');
    child.process.kill('SIGTERM');
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    expect(child.stderr().trim().split('\n').at(-1)).toMatch(/^batch interrupted \(SIGTERM\): \d+ tools left — run the same command to resume$/);
    expect(child.events.find((event) => event.event === 'aborting')).toMatchObject({ inFlight: 1 });
    const view = readDb(env.PANEL_DB);
    expect(view.items.map((item) => item.state)).toEqual(['running', 'done', 'queued', 'queued']);
    expect(view.reviewCount).toBe(1);
  });

  it('SIGTERM with only the page in flight: the grace time ends the parse and the process exits', async () => {
    const dir = tempDir();
    const list = writeList(dir, [deepPage(dir)]);
    const env = batchEnv(simulator, dir, LIFTED);
    const child = spawnBatch([list, '--grace-seconds', '1', '--rate-limits', fastLimits(dir)], env);
    await child.waitFor((event) => event.event === 'tool-start');
    child.process.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    expect(child.events.map((event) => event.event)).toEqual(expect.arrayContaining(['stopping', 'aborting']));
    expect(child.stderr().trim().split('\n').at(-1)).toMatch(/^batch interrupted \(SIGTERM\)/);
  });
});
