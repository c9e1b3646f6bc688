/**
 * Bad input and failures: one clear line on stderr, the documented exit code, no stack trace,
 * and nothing half-written to the database.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPaths } from '../../src/paths.js';
import { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

const PAGE = path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html');

let simulator: Simulator;
let pages: Server;
let pagesUrl: string;
beforeAll(async () => {
  simulator = await startSimulator();
  pages = createServer((request, response) => {
    if (request.url === '/paper.pdf') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      return response.end('%PDF-1.7 not a web page');
    }
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const address = pages.address();
  pagesUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await simulator.close();
  await new Promise((resolve) => pages.close(resolve));
});

const openaiEnv = () => ({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: simulator.baseUrls.openai });

function reviewCount(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from reviews').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('bad usage and bad input exit 2 with one line', () => {
  const cases: Array<{ name: string; argv: string[]; env?: Record<string, string>; message: RegExp }> = [
    { name: 'a malformed URL', argv: ['review', 'http://'], message: /malformed URL/ },
    { name: 'an unsupported scheme', argv: ['review', 'ftp://example.com/tool'], message: /only http and https/ },
    { name: 'an unknown flag', argv: ['review', PAGE, '--frobnicate'], message: /--frobnicate/ },
    { name: 'no target', argv: ['review'], message: /one URL or file/ },
    { name: 'an unknown persona', argv: ['review', PAGE, '--persona-model', 'critic=openai:gpt-5.4-mini'], message: /unknown persona "critic"/ },
    { name: 'an unknown provider', argv: ['review', PAGE, '--model', 'acme:model-1'], message: /unknown provider "acme"/ },
    { name: 'a model spec without a provider', argv: ['review', PAGE, '--model', 'gpt-5.4-mini'], message: /provider:model/ },
    { name: 'a model whose key is missing', argv: ['review', PAGE, '--model', 'anthropic:claude-haiku-5-5'], message: /ANTHROPIC_API_KEY/ },
    { name: 'a missing file', argv: ['review', './no-such-page.html'], message: /cannot read file/ },
    { name: 'an unknown command', argv: ['reveiw', PAGE], message: /unknown command "reveiw"/ },
  ];
  for (const { name, argv, message } of cases) {
    it(name, async () => {
      const env = baseEnv(openaiEnv());
      const run = await cli(argv, env);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr, message);
      expect(run.stdout).toBe('');
      expect(reviewCount(env.PANEL_DB as string)).toBe(0);
    });
  }

  it('no provider key at all names the variables to set', async () => {
    const run = await cli(['review', PAGE], baseEnv());
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY/);
  });

  it('a non-HTML body (PDF) is bad input', async () => {
    const env = baseEnv({ ...openaiEnv(), PANEL_ALLOW_PRIVATE_URLS: '1' });
    const run = await cli(['review', `${pagesUrl}/paper.pdf`], env);
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /is a PDF/);
    expect(reviewCount(env.PANEL_DB as string)).toBe(0);
  });

  it('a loopback URL is refused without PANEL_ALLOW_PRIVATE_URLS', async () => {
    const run = await cli(['review', `${pagesUrl}/tool`], baseEnv(openaiEnv()));
    expect(run.code).toBe(2);
    expectOneLine(run.stderr, /PANEL_ALLOW_PRIVATE_URLS/);
  });
});

describe('failed work exits 1', () => {
  it('a 404 page, with nothing saved', async () => {
    const env = baseEnv({ ...openaiEnv(), PANEL_ALLOW_PRIVATE_URLS: '1' });
    const run = await cli(['review', `${pagesUrl}/missing`], env);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, /404 Not Found/);
    expect(reviewCount(env.PANEL_DB as string)).toBe(0);
  });

  it('a wrong key fails at once, naming the variable, without retries', async () => {
    const strict = await startSimulator({ apiKeys: ['the-right-key'] });
    try {
      const run = await cli(['review', PAGE], baseEnv({ OPENAI_API_KEY: 'wrong', OPENAI_BASE_URL: strict.baseUrls.openai }));
      expect(run.code).toBe(1);
      expectOneLine(run.stderr, /OPENAI_API_KEY/);
      expect(run.stderr).not.toContain('wrong');
      expect(strict.stats().requests).toBe(1);
    } finally {
      await strict.close();
    }
  });

  it('a persona whose provider keeps failing leaves an incomplete panel, saved with the failure', async () => {
    const flaky = await startSimulator({
      script: [
        { provider: 'gemini', fault: 'server500' },
        { provider: 'gemini', fault: 'server500' },
        { provider: 'gemini', fault: 'server500' },
      ],
    });
    try {
      const env = baseEnv({
        OPENAI_API_KEY: 'k', OPENAI_BASE_URL: flaky.baseUrls.openai,
        GEMINI_API_KEY: 'k', GOOGLE_GEMINI_BASE_URL: flaky.baseUrls.google,
        ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: flaky.baseUrls.anthropic,
      });
      const run = await cli(['review', PAGE, '--json'], env);
      expect(run.code).toBe(1);
      const review = Review.parse(JSON.parse(run.stdout));
      expect(review.panel.complete).toBe(false);
      expect(review.reviews.map((each) => each.persona)).toEqual(['builder', 'skeptic', 'creator']);
      expect(review.failures).toEqual([
        expect.objectContaining({ persona: 'futurist', model: 'google:gemini-3.5-flash', error: expect.stringMatching(/500|overloaded|server/i) }),
      ]);
      // Three attempts (PANEL_MAX_RETRIES=2), then the failure is recorded — nothing invented.
      expect(flaky.stats().byProvider.gemini).toBe(3);
      expect(review.panel).toMatchObject({ ship: review.reviews.filter((each) => each.verdict === 'ship').length });
      expect(reviewCount(env.PANEL_DB as string)).toBe(1);
    } finally {
      await flaky.close();
    }
  });
});

describe('transient faults are absorbed', () => {
  it('a 429 with retry-after, then success; a malformed answer, then a valid re-ask', async () => {
    const faulty = await startSimulator({
      script: [
        { provider: 'openai', fault: 'rate429', retryAfterSeconds: 0.05 },
        { provider: 'openai', fault: 'malformedJson' },
      ],
    });
    try {
      const run = await cli(['review', PAGE, '--json', '--no-save', '--no-grounding'], baseEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: faulty.baseUrls.openai }));
      expect(run.code).toBe(0);
      const review = Review.parse(JSON.parse(run.stdout));
      expect(review.panel.complete).toBe(true);
      // Grounding off, so 5 answers + 1 rate-limited attempt + 1 malformed answer that was re-asked.
      expect(faulty.stats().requests).toBe(7);
      const reask = faulty.calls.find((call) => call.promptText.includes('Your answer was invalid'));
      expect(reask).toBeDefined();
    } finally {
      await faulty.close();
    }
  });
});
