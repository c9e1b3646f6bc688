/**
 * `batch --stale` (issue 13's Done-when): ten approved tools served from a loopback server,
 * their pages the real ones of fixtures/pages/ with a footer (copyright year, "updated … ago",
 * a star count). Two pages change what they say, three change only in the footer: the stale
 * run re-reviews exactly the two (model calls counted at the simulator), reads every page once,
 * and the two drafts are re-reviews amending the published reviews, with their diffs on the
 * CLI and on the desk's draft page. Also: a page that no longer loads, a prompt-version bump,
 * --older-than, --dry-run, and the bad-usage lines.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRateLimits, planStale, runStaleBatch, type BatchReport, type StalePlan } from '../../src/batch/index.js';
import { loadConfig } from '../../src/config.js';
import { createDesk } from '../../src/editor/index.js';
import { createEditorApp } from '../../src/editor/app.js';
import { assembleEngine } from '../../src/engine/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { loadReviewContext } from '../../src/review/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openStore } from '../../src/store/index.js';
import { cli } from '../helpers/cli.js';
import { WebClient } from '../editor-web/web-client.js';
import { batchCli, batchEnv, fastLimits, tempDir, writeList } from './support.js';

const PAGES = ['aider-landing/page.html', 'aider/README.md', 'cline/README.md', 'continue/README.md', 'crewai/README.md', 'dspy/README.md', 'goose/README.md', 'langgraph/README.md', 'ollama/README.md', 'openhands/README.md'];
const real = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, 'fixtures/pages', file), 'utf8');

interface Footer {
  year: number;
  updated: string;
  stars: string;
}

/** A real page with a volatile footer inside its main text (so the extractor keeps it). */
function pageWith(file: string, footer: Footer, extra = ''): { body: string; type: string } {
  const line = `© ${footer.year} The maintainers. All rights reserved. Updated ${footer.updated} · ${footer.stars} stars`;
  if (file.endsWith('.html')) {
    const body = real(file).replace(/<\/main>|<\/body>/i, (end) => `${extra ? `<p>${extra}</p>` : ''}<p class="copyright">${line}</p>${end}`);
    return { body, type: 'text/html; charset=utf-8' };
  }
  return { body: `${real(file)}\n\n${extra ? `${extra}\n\n` : ''}${line}\n`, type: 'text/markdown; charset=utf-8' };
}

interface PageSite {
  urls: string[];
  set(index: number, page: { body: string; type: string } | null): void;
  requests: () => number;
  close(): Promise<void>;
}

async function startSite(): Promise<PageSite> {
  const pages = new Map<number, { body: string; type: string } | null>();
  PAGES.forEach((file, index) => pages.set(index, pageWith(file, { year: 2025, updated: '3 days ago', stars: '12.3k' })));
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    const index = Number(/^\/tools\/(\d+)$/.exec(request.url ?? '')?.[1] ?? -1);
    const page = pages.get(index);
    if (page == null) return void response.writeHead(503).end('down for maintenance');
    response.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    urls: PAGES.map((_, index) => `${base}/tools/${index}`),
    set: (index, page) => void pages.set(index, page),
    requests: () => requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Publishes every draft as an editor would have (the desk's approve rules are tested elsewhere). */
function approveAll(dbPath: string): void {
  const db = new Database(dbPath);
  db.prepare("UPDATE reviews SET status = 'approved', approved_by = 'Ann', approved_at = '2026-01-01T00:00:00.000Z' WHERE status = 'draft'").run();
  db.close();
}

function reReviews(dbPath: string): Array<{ id: string; amends: string; url: string; origin: string }> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT r.id, r.amends, r.origin, t.url FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.origin <> 'new' ORDER BY t.url").all() as Array<{ id: string; amends: string; url: string; origin: string }>;
  } finally {
    db.close();
  }
}

function publishedId(dbPath: string, url: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT r.id FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.status = 'approved' AND t.url = ?").get(url) as { id: string }).id;
  } finally {
    db.close();
  }
}

const report = (stdout: string) => JSON.parse(stdout) as BatchReport;
const key = (url: string) => url.replace(/\/$/, '');

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe('batch --stale', () => {
  it('re-reviews exactly the two tools whose pages changed; footer-only changes cost one fetch and no model call; the drafts show their diffs', async () => {
    const site = await startSite();
    try {
      const dir = tempDir();
      const env = batchEnv(simulator, dir);
      const limits = ['--rate-limits', fastLimits(dir)];
      const first = await batchCli([writeList(dir, site.urls), '--json', ...limits], env);
      expect(first.code, first.stderr).toBe(0);
      expect(report(first.stdout).tools.reviewed).toBe(10);
      const callsPerReview = simulator.stats().requests / 10;
      approveAll(env.PANEL_DB);

      // Two pages say something new (a price, a feature); three change only in their footer.
      site.set(1, pageWith(PAGES[1] as string, { year: 2025, updated: '3 days ago', stars: '12.3k' }, 'New: a hosted team plan at $20 per seat per month, with shared chat history.'));
      site.set(6, pageWith(PAGES[6] as string, { year: 2025, updated: '3 days ago', stars: '12.3k' }, 'Pricing changed: the free tier is discontinued; every plan is paid from now on.'));
      site.set(0, pageWith(PAGES[0] as string, { year: 2026, updated: '5 hours ago', stars: '12.3k' }));
      site.set(3, pageWith(PAGES[3] as string, { year: 2026, updated: 'yesterday', stars: '12.9k' }));
      site.set(8, pageWith(PAGES[8] as string, { year: 2025, updated: '2 weeks ago', stars: '14.1k' }));

      const callsBefore = simulator.stats().requests;
      const requestsBefore = site.requests();
      const stale = await batchCli(['--stale', '--json', ...limits], env);
      expect(stale.code, stale.stderr).toBe(0);
      const result = report(stale.stdout);
      expect(result.stale).toMatchObject({ checked: 10, changed: 2, reReviewed: 2, unchanged: 8, failed: 0, published: 10, draftsOnly: 0 });
      expect(result.tools).toMatchObject({ reviewed: 2, skipped: 8, failed: 0 });
      // One fetch per tool, and model calls for two reviews only.
      expect(site.requests() - requestsBefore).toBe(10);
      expect(simulator.stats().requests - callsBefore).toBe(2 * callsPerReview);
      expect(stale.events.filter((event) => event.event === 'tool-changed').map((event) => event.url)).toEqual(expect.arrayContaining([key(site.urls[1] as string), key(site.urls[6] as string)]));

      const drafts = reReviews(env.PANEL_DB);
      expect(drafts.map((draft) => draft.url).sort()).toEqual([key(site.urls[1] as string), key(site.urls[6] as string)].sort());
      for (const draft of drafts) {
        expect(draft.origin).toBe('re-review');
        expect(draft.amends).toBe(publishedId(env.PANEL_DB, draft.url));
      }

      // The CLI shows the diff of the page text and the verdict against the published one.
      const changed = drafts.find((draft) => draft.url === key(site.urls[1] as string));
      const shown = await cli(['drafts', 'show', changed?.id as string], env);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toContain('What changed since the published review');
      expect(shown.stdout).toMatch(/re-reviewed because: page changed/);
      expect(shown.stdout).toMatch(/\+ New: a hosted team plan at \$20 per seat per month/);
      expect(shown.stdout).toMatch(/Panel: .+ → .+/);
      expect(shown.stdout).toMatch(/Builder +\d+ (ship|skip) → \d+ (ship|skip)/);

      // The desk's draft page has the same section, the page text escaped and labelled.
      const context = await loadReviewContext();
      const store = openStore(env.PANEL_DB);
      try {
        const desk = createDesk(store, { threshold: 50, personas: context.personas });
        const config = loadConfig({ OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', GEMINI_API_KEY: 'k' });
        const app = createEditorApp({ desk, engine: assembleEngine(config, context, { store }) });
        const page = await new WebClient(app).get(`/reviews/${changed?.id as string}`);
        expect(page.status).toBe(200);
        expect(page.body).toContain('What changed since the published review');
        expect(page.body).toContain('Page text (normalised, as read from the tool)');
        expect(page.body).toMatch(/<ins>[^<]*New: a hosted team plan at \$20 per seat per month/);
        expect(page.body).toContain(`href="/reviews/${drafts[0]?.amends === changed?.amends ? changed?.amends : ''}"`);
        // A published review is no re-review: no such section.
        const published = await new WebClient(app).get(`/reviews/${changed?.amends as string}`);
        expect(published.body).not.toContain('What changed since the published review');
      } finally {
        store.close();
      }

      // Run again: the two have a re-review waiting, the other eight are unchanged.
      const again = await batchCli(['--stale', '--json', ...limits], env);
      expect(report(again.stdout).stale).toMatchObject({ checked: 8, changed: 0, unchanged: 8, awaitingEditor: 2 });
    } finally {
      await site.close();
    }
  });

  it('a page that fails to load is one failure line and nothing is written; --older-than and --dry-run; a prompt-version bump makes unchanged tools stale', async () => {
    const site = await startSite();
    try {
      const dir = tempDir();
      const env = batchEnv(simulator, dir);
      const limits = ['--rate-limits', fastLimits(dir)];
      const urls = site.urls.slice(0, 3);
      expect((await batchCli([writeList(dir, urls), '--json', ...limits], env)).code).toBe(0);
      approveAll(env.PANEL_DB);

      // Reviewed moments ago: --older-than 30d selects none of them.
      const recent = await batchCli(['--stale', '--older-than', '30d', '--json', ...limits], env);
      expect(report(recent.stdout).stale).toMatchObject({ checked: 0, tooRecent: 3 });

      site.set(2, null);
      const reviewsBefore = reReviews(env.PANEL_DB).length;
      const failed = await batchCli(['--stale', '--json', ...limits], env);
      expect(failed.code).toBe(1);
      const result = report(failed.stdout);
      expect(result.stale).toMatchObject({ checked: 3, failed: 1, unchanged: 2, reReviewed: 0 });
      expect(result.failures).toEqual([expect.objectContaining({ error: expect.stringMatching(/^could not read it again: .*503/) })]);
      expect(result.failures[0]?.error.split('\n')).toHaveLength(1);
      expect(reReviews(env.PANEL_DB)).toHaveLength(reviewsBefore);

      // The dry run reads each page once and calls no model.
      site.set(2, pageWith(PAGES[2] as string, { year: 2025, updated: '3 days ago', stars: '12.3k' }));
      const callsBefore = simulator.stats().requests;
      const plan = await batchCli(['--stale', '--dry-run', '--json', ...limits], env);
      expect(plan.code, plan.stderr).toBe(0);
      expect(JSON.parse(plan.stdout) as StalePlan).toMatchObject({ dryRun: true, checked: 3, changed: 0, unchanged: 3, failed: 0 });

      // The prompts change (the engine's prompt version differs): every tool is stale, its page or not.
      const context = await loadReviewContext();
      const bumped = { ...context, templates: { ...context.templates, version: `${context.templates.version}-next` } };
      const store = openStore(env.PANEL_DB);
      try {
        const engine = assembleEngine(loadConfig(env), bumped, { store });
        const bumpedPlan = await planStale({ olderThan: null, olderThanMs: null }, { concurrency: 2, limit: undefined, model: undefined, personaModels: {} }, { engine });
        expect(bumpedPlan).toMatchObject({ checked: 3, changed: 3 });
        expect(bumpedPlan.tools.every((tool) => tool.reasons.join() === 'prompts version changed')).toBe(true);
        expect(simulator.stats().requests).toBe(callsBefore);
        const rerun = await runStaleBatch(
          { force: false, limit: undefined, concurrency: 2, budgetUsd: undefined, graceMs: 1000, model: undefined, personaModels: {}, grounding: false },
          { olderThan: null, olderThanMs: null },
          { engine, limits: await loadRateLimits(fastLimits(dir)) },
        );
        expect(rerun.stale).toMatchObject({ checked: 3, changed: 3, reReviewed: 3 });
      } finally {
        store.close();
      }
      const drafts = reReviews(env.PANEL_DB);
      expect(drafts).toHaveLength(3);
      expect(drafts.every((draft) => draft.origin === 're-review' && draft.amends === publishedId(env.PANEL_DB, draft.url))).toBe(true);
    } finally {
      await site.close();
    }
  });

  it('bad usage is one line and exit 2', async () => {
    const dir = tempDir();
    const env = batchEnv(simulator, dir);
    for (const [args, message] of [
      [['--stale', '--older-than', 'soon'], /--older-than must be a duration such as 30d/],
      [['--stale', '--older-than', '0d'], /--older-than must be a duration/],
      [['--older-than', '30d', 'tools.txt'], /--older-than works only with --stale/],
      [['--stale', 'tools.txt'], /--stale takes no source/],
      [['--stale', '--force'], /--force does not apply to --stale/],
    ] as const) {
      const run = await batchCli([...args], env);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });
});
