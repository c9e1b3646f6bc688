/** `votes` with voter keys: one vote per voter per tool, changeable; old votes without a voter still count. */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, cli } from '../helpers/cli.js';
import { referenceStore, type ReferenceStore } from '../publish/reference-fixture.js';
import { openStore } from '../../src/store/index.js';

let fixture: ReferenceStore;
let env: Record<string, string | undefined>;
beforeEach(() => {
  fixture = referenceStore();
  env = baseEnv({ PANEL_DB: fixture.dbPath });
});
afterEach(() => fixture.cleanup());

const votes = async (...argv: string[]) => {
  const result = await cli(['votes', ...argv], env);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout;
};
const rows = () => {
  const store = openStore(fixture.dbPath, { access: 'read' });
  try {
    return store.db.prepare('SELECT tool_id, vote, voter_hash FROM community_votes ORDER BY id').all() as Array<{ tool_id: number; vote: string; voter_hash: string | null }>;
  } finally {
    store.close();
  }
};

describe('votes with voters', () => {
  it('counts one vote per voter per tool, and a second vote by the same voter replaces the first', async () => {
    expect(await votes('terrarium', 'ship', '--voter', 'browser-AAAA-1111')).toBe('Recorded a ship vote for Terrarium: 100% ship · 1 vote\n');
    expect(await votes('terrarium', 'ship', '--voter', 'browser-AAAA-1111')).toBe("This voter's ship vote for Terrarium was already counted: 100% ship · 1 vote\n");
    expect(await votes('terrarium', 'skip', '--voter', 'browser-AAAA-1111')).toBe("Changed this voter's vote for Terrarium to skip: 0% ship · 1 vote\n");
    expect(await votes('terrarium', 'ship', '--voter', 'browser_BBBB_2222')).toBe('Recorded a ship vote for Terrarium: 50% ship · 2 votes\n');
    // The same voter on another tool is another vote.
    expect(await votes('openrouter-model-fusion', 'ship', '--voter', 'browser-AAAA-1111')).toBe('Recorded a ship vote for OpenRouter Model Fusion: 100% ship · 1 vote\n');
    expect(JSON.parse(await votes('terrarium', '--json'))).toMatchObject({ community: { ship: 1, skip: 1, votes: 2 } });
    expect(JSON.parse(await votes('terrarium', 'ship', '--voter', 'browser-AAAA-1111', '--json'))).toMatchObject({ cast: 'changed', community: { ship: 2, skip: 0 } });
  });

  it('stores a keyed hash of the voter key, never the key itself', async () => {
    await votes('terrarium', 'ship', '--voter', 'browser-AAAA-1111');
    await votes('openrouter-model-fusion', 'skip', '--voter', 'browser-AAAA-1111');
    const stored = rows();
    expect(stored).toHaveLength(2);
    const [first, second] = stored.map((row) => row.voter_hash ?? '');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(first).toBe(second); // the same voter, recognisably, inside this store
    expect(first).not.toBe(createHash('sha256').update('browser-AAAA-1111').digest('hex')); // keyed, not a bare hash
    const bytes = readDb();
    expect(bytes.includes('browser-AAAA-1111')).toBe(false);
  });

  it('keeps counting votes cast before voters existed (no voter), beside the new ones', async () => {
    const store = openStore(fixture.dbPath);
    const tool = store.db.prepare("SELECT id FROM tools WHERE slug = 'terrarium'").get() as { id: number };
    store.db.prepare("INSERT INTO community_votes (tool_id, vote, created_at) VALUES (?, 'ship', '2026-01-01T00:00:00.000Z'), (?, 'skip', '2026-01-02T00:00:00.000Z')").run(tool.id, tool.id);
    store.close();
    expect(await votes('terrarium')).toBe('Terrarium: 50% ship · 2 votes\n');
    expect(await votes('terrarium', 'ship', '--voter', 'browser-AAAA-1111')).toBe('Recorded a ship vote for Terrarium: 67% ship · 3 votes\n');
    expect(await votes('terrarium', 'skip', '--voter', 'browser-AAAA-1111')).toBe("Changed this voter's vote for Terrarium to skip: 33% ship · 3 votes\n");
  });
});

function readDb(): string {
  // The WAL may hold the newest pages: check both files.
  return [fixture.dbPath, `${fixture.dbPath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1')).join('');
}

describe('a bad voter key is one line and exit 2, and nothing is written', () => {
  it.each<[string, string[], RegExp]>([
    ['a vote without a voter', ['terrarium', 'ship'], /a vote needs --voter KEY/],
    ['a key that is too short', ['terrarium', 'ship', '--voter', 'abc'], /--voter must be 8–128 characters of A–Z, a–z, 0–9, _ or - \(the key given is 3 characters, too short\)/],
    ['a key that is too long', ['terrarium', 'ship', '--voter', 'x'.repeat(129)], /\(the key given is 129 characters, too long\)/],
    ['a key with other characters', ['terrarium', 'ship', '--voter', 'reader 0001; DROP'], /\(the key given is 17 characters, has other characters\)/],
    ['a key with a control character', ['terrarium', 'ship', '--voter', 'reader-0001\u001b[2J'], /has other characters/],
    ['an empty key', ['terrarium', 'ship', '--voter', ''], /empty|--voter/],
    ['a voter without a vote', ['terrarium', '--voter', 'reader-0001'], /--voter goes with a vote/],
  ])('%s', async (_name, argv, message) => {
    const result = await cli(['votes', ...argv], env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain('DROP');
    expect(rows()).toEqual([]);
  });
});
