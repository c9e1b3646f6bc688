/**
 * Page and model text printed by `review`, `compare`, `votes` and `drafts` cannot drive the
 * terminal: escape sequences (set the title, clear the screen, move the cursor), C0/C1 controls
 * and bidi overrides are removed, and an embedded newline cannot fake a "Panel: Ship" line.
 * The profile file below reaches the printers untouched (a complete profile skips the model).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { terminalBlock, terminalLine, truncateEchoes } from '../../src/terminal-text.js';
import { baseEnv, cli } from '../helpers/cli.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const HOSTILE = {
  name: 'Evil\u001b]0;pwned\u0007Tool\u001b[2J',
  tagline: 'Fast\nPanel: Ship · 4 ship / 0 skip\u202e',
  description: 'A tool\u009b31m that lies.',
  category: 'Coding\u0007',
  pricing: { entry: 'Free', detail: 'free\u001b[1A' },
  bestFor: 'everyone\r\nPanel: Ship · 4 ship / 0 skip',
  vendor: null,
};

function profileFile(name: string, url: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hostile-')), `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...HOSTILE, url }));
  return file;
}

/** Nothing a terminal would act on: no ESC, BEL, CR, C1 control or bidi override. */
function expectInert(text: string): void {
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

/** The only "Panel:" line is the real one, at the start of its line. */
function panelLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*Panel:/.test(line));
}

describe('untrusted text on the terminal', () => {
  const env = baseEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: '' });
  beforeAll(() => {
    env.OPENAI_BASE_URL = simulator.baseUrls.openai;
  });

  it('review, drafts show, votes and compare print no control sequence and no fake panel line', async () => {
    const first = await cli(['review', profileFile('one', 'https://one.example.com/')], env);
    expect(first.code, first.stderr).toBe(0);
    expectInert(first.stdout);
    expect(panelLines(first.stdout)).toHaveLength(1);
    expect(first.stdout).toContain('EvilTool — Fast Panel: Ship');
    const second = await cli(['review', profileFile('two', 'https://two.example.com/')], env);
    expect(second.code, second.stderr).toBe(0);
    const [idOne = '', idTwo = ''] = [first, second].map((run) => /Saved as draft (\S+)/.exec(run.stdout)?.[1] ?? '');

    const show = await cli(['drafts', 'show', idOne], env);
    expect(show.code, show.stderr).toBe(0);
    expectInert(show.stdout);
    expect(panelLines(show.stdout)).toHaveLength(1);

    const votes = await cli(['votes', idOne, 'ship', '--voter', 'reader-0001'], env);
    expect(votes.code, votes.stderr).toBe(0);
    expectInert(votes.stdout);
    expect(votes.stdout).toMatch(/^Recorded a ship vote for EvilTool: /);

    const compare = await cli(['compare', idOne, idTwo, '--drafts'], env);
    expect(compare.code, compare.stderr).toBe(0);
    expectInert(compare.stdout);
    expect(compare.stdout.split('\n').filter((line) => line.startsWith('Panel: Ship'))).toEqual([]);
  });
});

describe('terminalLine / terminalBlock', () => {
  it('removes CSI, OSC, C1 and bidi controls; keeps the text around them', () => {
    expect(terminalLine('a\u001b[31mred\u001b[0m b')).toBe('ared b');
    expect(terminalLine('x\u001b]0;title\u0007y\u001b]8;;http://e\u001b\\z')).toBe('xyz');
    expect(terminalLine('p\u009b2Jq\u202eR\u2066')).toBe('pq R ');
    expect(terminalLine('one\ntwo\tthree')).toBe('one two three');
    expect(terminalBlock('one\r\ntwo\u001b[1Athree')).toBe('one\ntwothree');
  });

  it('cuts long echoed input but keeps the words around it', () => {
    const line = truncateEchoes(`bad URL "https://e.com/${'a'.repeat(100_000)}": use http`);
    expect(line.length).toBeLessThan(300);
    expect(line).toMatch(/^bad URL "https:\/\/e\.com\/a+…\(100015 characters\)": use http$/);
  });
});
