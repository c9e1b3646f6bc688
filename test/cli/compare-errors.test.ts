/** `compare`, `votes` and `publish` on bad input: one line on stderr, exit 2, nothing written. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, cli } from '../helpers/cli.js';
import { referenceReview, referenceStore, TERRARIUM, type ReferenceStore } from '../publish/reference-fixture.js';

let fixture: ReferenceStore;
let env: Record<string, string | undefined>;
beforeEach(() => {
  fixture = referenceStore();
  // A tool whose only review is a draft, and one whose only review was rejected.
  fixture.store.saveDraft({ ...referenceReview(TERRARIUM), id: 'b0000000-0000-4000-8000-000000000001', tool: { ...referenceReview(TERRARIUM).tool, name: 'Drafty', url: 'https://drafty.example/' } });
  fixture.store.saveDraft({ ...referenceReview(TERRARIUM), id: 'b0000000-0000-4000-8000-000000000002', tool: { ...referenceReview(TERRARIUM).tool, name: 'Nope', url: 'https://nope.example/' } });
  fixture.store.db.prepare("UPDATE reviews SET status = 'rejected', rejected_by = 'Ann', rejected_at = '2026-04-20T11:00:00.000Z', reject_reason = 'no' WHERE id = 'b0000000-0000-4000-8000-000000000002'").run();
  env = baseEnv({ PANEL_DB: fixture.dbPath, EDITOR_NAME: 'Ann' });
});
afterEach(() => fixture.cleanup());

async function refused(argv: string[], message: RegExp): Promise<void> {
  const run = await cli(argv, env);
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).toMatch(message);
}

describe('compare refuses bad input with one line and exit 2', () => {
  it.each<[string, string[], RegExp]>([
    ['an unknown tool', ['compare', 'terrarium', 'no-such-tool'], /no review matches "no-such-tool"/],
    ['an unknown URL', ['compare', 'terrarium', 'https://unknown.example/'], /no reviewed tool has the URL https:\/\/unknown\.example\//],
    ['a tool with only a draft', ['compare', 'terrarium', 'drafty'], /Drafty has no approved review: its draft b0000000 waits for an editor .* or pass --drafts/],
    ['a draft named by id', ['compare', 'terrarium', 'b0000000-0000-4000-8000-000000000001'], /review b0000000 \(Drafty\) is a draft: approve it first/],
    ['a rejected tool, even with --drafts', ['compare', 'terrarium', 'nope', '--drafts'], /Nope has no approved or draft review/],
    ['the same tool twice', ['compare', 'terrarium', 'terrarium'], /are the same tool \(Terrarium\)/],
    ['the same tool by slug and URL', ['compare', 'terrarium', 'https://github.com/Evolvent-AI/terrarium/'], /are the same tool \(Terrarium\)/],
    ['the same tool by slug and review id', ['compare', 'a0000000-0000-4000-8000-000000000002', 'terrarium'], /are the same tool/],
    ['one tool', ['compare', 'terrarium'], /compare takes two tools, got 1/],
    ['three tools', ['compare', 'a', 'b', 'c'], /compare takes two tools, got 3/],
    ['an unknown flag', ['compare', 'a', 'b', '--colour'], /compare: Unknown option '--colour'/],
    ['--regenerate without --save', ['compare', 'terrarium', 'google-scion', '--regenerate'], /--regenerate and --force go with --save/],
    ['--save with no provider key', ['compare', 'terrarium', 'google-scion', '--save'], /no provider key is set/],
    ['an unknown comparison', ['compare', 'approve', 'nope-vs-nothing'], /no comparison "nope-vs-nothing"/],
    ['edit without a line', ['compare', 'edit', 'a-vs-b'], /compare edit needs --verdict-line TEXT/],
    ['approve without a slug', ['compare', 'approve'], /compare approve takes one comparison slug, got none/],
  ])('%s', async (_name, argv, message) => refused(argv, message));

  it('needs an editor name to approve', async () => {
    env = baseEnv({ PANEL_DB: fixture.dbPath });
    await refused(['compare', 'approve', 'x-vs-y'], /an editor name is needed: pass --by NAME or set EDITOR_NAME/);
  });
});

describe('votes and publish refuse bad input', () => {
  it.each<[string, string[], RegExp]>([
    ['a vote that is neither ship nor skip', ['votes', 'terrarium', 'maybe'], /a vote is ship or skip, got "maybe"/],
    ['a vote for an unknown tool', ['votes', 'nothing-here', 'ship', '--voter', 'reader-0001'], /no review matches "nothing-here"/],
    ['votes without a tool', ['votes'], /votes takes a tool/],
    ['publish without --out', ['publish'], /publish needs --out DIR/],
    ['publish with a stray argument', ['publish', 'site'], /publish takes no arguments, got "site"/],
  ])('%s', async (_name, argv, message) => refused(argv, message));

  it('publish into a path that is a file is bad input: one line and exit 2', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'publish-bad-')), 'not-a-dir');
    writeFileSync(file, 'x');
    const run = await cli(['publish', '--out', file], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --out ".*not-a-dir" is a file, not a folder\n$/);
  });
});
