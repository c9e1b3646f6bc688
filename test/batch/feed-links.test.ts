/**
 * A feed entry's listing page reaches the saved draft: `batch` over a feed whose items carry a
 * Hacker News thread reviews the story page and keeps the thread in `tool.links`. The feed is
 * written here (its items must point at the loopback page server); the Hacker News shape it
 * copies is the recorded one in fixtures/recorded/feeds/hnrss-newest.rss.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchCli, batchEnv, fastLimits, startPageServer, tempDir, type PageServer } from './support.js';

let simulator: Simulator;
let pages: PageServer;
beforeAll(async () => {
  [simulator, pages] = await Promise.all([startSimulator(), startPageServer()]);
});
afterAll(async () => {
  await Promise.all([simulator.close(), pages.close()]);
});

describe('listing links on the tool', () => {
  it('keeps the Hacker News thread of a feed item as a link of the reviewed tool', async () => {
    const dir = tempDir();
    const [story] = pages.urls(1);
    const file = path.join(dir, 'hn.rss');
    fs.writeFileSync(
      file,
      `<rss version="2.0"><channel><title>Hacker News: Newest</title><link>https://news.ycombinator.com/newest</link>
<item><title>Show HN: Tool 1</title><link>${story}</link><comments>https://news.ycombinator.com/item?id=23923691</comments></item>
</channel></rss>`,
    );
    const env = batchEnv(simulator, dir);
    const run = await batchCli([file, '--json', '--rate-limits', fastLimits(dir)], env);
    expect(run.code).toBe(0);
    const db = new Database(env.PANEL_DB, { readonly: true });
    try {
      const rows = db.prepare('SELECT review_json AS json FROM reviews').all() as { json: string }[];
      expect(rows).toHaveLength(1);
      const review = JSON.parse(rows[0]?.json ?? '{}') as { tool: { url: string; links: Record<string, string> } };
      expect(review.tool.url).toBe(story);
      expect(review.tool.links.hackerNews).toBe('https://news.ycombinator.com/item?id=23923691');
    } finally {
      db.close();
    }
  });
});
