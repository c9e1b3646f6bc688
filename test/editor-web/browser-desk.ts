/**
 * The set-up the single-page browser suites share: one Chromium for the suite, and for each test
 * a fresh desk (database with the given drafts, editor EDITOR_NAME=Ann) served on loopback.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/commands/serve.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { Review } from '../../src/schemas.js';
import { launchChromium } from './browser-helpers.js';
import { webBench, type WebBench } from './web-fixtures.js';

export interface BrowserDesk {
  browser: Browser;
  bench: WebBench;
  server: RunningServer;
}

/** Registers the hooks; the returned object's fields are set once they have run. */
export function useBrowserDesk(drafts: () => Review[]): BrowserDesk {
  const desk = {} as BrowserDesk;
  let context: ReviewContext;
  beforeAll(async () => {
    context = await loadReviewContext();
    desk.browser = await launchChromium();
  });
  afterAll(async () => {
    await desk.browser?.close();
  });
  beforeEach(async () => {
    desk.bench = webBench(context, drafts(), { env: { EDITOR_NAME: 'Ann' } });
    desk.server = await startServer(desk.bench.app, '127.0.0.1', 0);
  });
  afterEach(async () => {
    await desk.server.close();
    desk.bench.cleanup();
  });
  return desk;
}
