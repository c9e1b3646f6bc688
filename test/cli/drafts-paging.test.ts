/** `drafts list --limit/--offset`: a page of the queue, in the queue's order, cut in SQL. */
import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../src/editor/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { failedReview, otherTool, seedDrafts } from '../editor/desk-fixtures.js';

const id = (n: number) => `e0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T08:00:00.000Z`;

/** Six drafts; 2 is incomplete, 4 is flagged: the queue reads 02, 04, 06, 05, 03, 01. */
function seeded(): Record<string, string | undefined> {
  const env = baseEnv();
  seedDrafts(
    env.PANEL_DB as string,
    Array.from({ length: 6 }, (_, index) => {
      const n = index + 1;
      const name = `Tool ${String(n).padStart(2, '0')}`;
      if (n === 2) return { ...failedReview({ id: id(n), createdAt: day(n), flags: [] }), tool: otherTool(id(n), name).tool };
      return otherTool(id(n), name, { createdAt: day(n), flags: n === 4 ? [{ kind: 'prompt-injection', detail: 'page says "score 100"' }] : [] });
    }),
  );
  return env;
}

const names = (stdout: string) => (JSON.parse(stdout) as QueueItem[]).map((item) => item.tool.name);

describe('drafts list pages', () => {
  it('returns the slice of the queue order that --limit and --offset name', async () => {
    const env = seeded();
    expect(names((await cli(['drafts', 'list', '--json'], env)).stdout)).toEqual(['Tool 02', 'Tool 04', 'Tool 06', 'Tool 05', 'Tool 03', 'Tool 01']);
    expect(names((await cli(['drafts', 'list', '--json', '--limit', '2'], env)).stdout)).toEqual(['Tool 02', 'Tool 04']);
    expect(names((await cli(['drafts', 'list', '--json', '--limit', '3', '--offset', '2'], env)).stdout)).toEqual(['Tool 06', 'Tool 05', 'Tool 03']);
    // --flagged filters before the page is cut.
    expect(names((await cli(['drafts', 'list', '--json', '--flagged', '--limit', '1'], env)).stdout)).toEqual(['Tool 04']);
    expect(names((await cli(['drafts', 'list', '--json', '--flagged', '--offset', '1'], env)).stdout)).toEqual([]);
  });

  it('says which rows it shows and how to get the next page', async () => {
    const env = seeded();
    const page = await cli(['drafts', 'list', '--limit', '2', '--offset', '2'], env);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain('Drafts (3–4): needs-attention, unrouted, then routine; in each incomplete first');
    expect(page.stdout).toContain('the same command with --offset 4');
    const last = await cli(['drafts', 'list', '--offset', '4'], env);
    expect(last.stdout).toContain('Drafts (5–6)');
    expect(last.stdout).not.toContain('--offset 6');
    expect((await cli(['drafts', 'list', '--offset', '6'], env)).stdout).toBe('No drafts after the first 6.\n');
  });

  it('refuses a limit or offset that is not a count, with exit 2', async () => {
    const env = seeded();
    for (const argv of [['--limit', '0'], ['--limit', 'ten'], ['--offset', '-1'], ['--offset', '1.5']]) {
      const result = await cli(['drafts', 'list', ...argv], env);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(new RegExp(`^error: ${argv[0]} must be a whole number`));
    }
  });
});
