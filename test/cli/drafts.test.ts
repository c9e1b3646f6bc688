/** `drafts` end to end in-process: what each subcommand prints, and what it leaves in the database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import type { DraftView, HistoryEntry, QueueItem } from '../../src/editor/index.js';
import { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { failedReview, otherTool, sampleReview, seedDrafts, withStore } from '../editor/desk-fixtures.js';

const FUSION = sampleReview().id; // 7f3c2a10-…-0001
const INCOMPLETE = failedReview().id; // 7f3c2a10-…-0002, flagged

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

/** A temp database with three drafts: complete, incomplete + flagged, and another tool. */
function seeded(extra: Record<string, string> = {}) {
  const env = simulatorEnv(baseEnv({ EDITOR_NAME: 'Ann', ...extra }), simulator.baseUrls);
  seedDrafts(env.PANEL_DB as string, [
    { review: sampleReview(), pageExcerpt: 'Fusion: one prompt, several models, one answer.' },
    failedReview({ createdAt: '2026-03-01T09:00:00.000Z', simulated: true }),
    otherTool('c0ffee00-0000-4000-8000-000000000003', 'Cursor', { createdAt: '2026-02-01T00:00:00.000Z' }),
  ]);
  return { env, db: env.PANEL_DB as string, run: (...argv: string[]) => cli(['drafts', ...argv], env) };
}

describe('drafts list', () => {
  it('prints the queue: incomplete and flagged first, persona scores, cost, marks', async () => {
    const { run } = seeded();
    const result = await run('list');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const rows = result.stdout.split('\n').filter((line) => /^ {2}[0-9a-f]{8} {2}/.test(line));
    expect(rows.map((row) => row.slice(2, 10))).toEqual(['7f3c2a10', '7f3c2a10', 'c0ffee00']);
    expect(rows[0]).toMatch(/OpenRouter Model Fusion\s+openrouter\.ai\S*\s+Ship · 3 ship \/ 0 skip\s+100%\s+builder 80, skeptic failed, futurist 75, creator 90\s+\$0.00210\s+2026-03-01\s+new · flagged\s+\[incomplete: skeptic\] \[1 flag\] \[simulated\]$/);
    expect(rows[1]).toMatch(/Ship · 3 ship \/ 1 skip\s+75%\s+builder 80, skeptic 40, futurist 75, creator 90\s+\$0.00210/);
    expect(result.stdout).toMatch(/^Drafts \(3\): needs-attention, unrouted, then routine; in each incomplete first, then flagged, then newest$/m);
  });

  it('filters by status and flags, and prints JSON', async () => {
    const { run } = seeded();
    const flagged = JSON.parse((await run('list', '--flagged', '--json')).stdout) as QueueItem[];
    expect(flagged.map((item) => item.id)).toEqual([INCOMPLETE]);
    expect(flagged[0]).toMatchObject({ shortId: '7f3c2a10', failedPersonas: ['skeptic'], flagCount: 1, costUsd: 0.0021 });
    expect((await run('list', '--status', 'approved')).stdout).toBe('No approved reviews.\n');
    await run('approve', 'cursor');
    const approved = await run('list', '--status', 'approved');
    expect(approved.stdout).toMatch(/c0ffee00 {2}Cursor .* \[approved by Ann at \d{4}-\d\d-\d\dT[\d:.]+Z\]$/m);
  });
});

describe('drafts show', () => {
  it('prints the scorecard, with an edit beside what the model said', async () => {
    const { run } = seeded();
    await run('edit', '7f3c2a10-0000-4000-8000-000000000001', '--persona', 'skeptic', '--score', '55', '--quote', 'It holds up.', '--by', 'Bob');
    const result = await run('show', '7f3c2a10-0000-4000-8000-000000000001');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^OpenRouter Model Fusion — Ask several models, get one answer$/m);
    expect(out).toMatch(/^LLM tooling · Freemium \(Free tier; pay per token above it\) · best for: Teams comparing models$/m);
    expect(out).toMatch(/^Review 7f3c2a10-0000-4000-8000-000000000001 · revision 2 · draft · created 2026-03-01T10:00:00.000Z$/m);
    expect(out).toMatch(/^Panel: Ship · 4 ship \/ 0 skip — 100% panel ship, mean score 75$/m);
    expect(out).toMatch(/^ {2}Builder {4}80\/100 · ship {2}openai:gpt-5.4-mini$/m);
    expect(out).toMatch(/^ {2}Skeptic {4}55\/100 · ship {2}anthropic:claude-haiku-5-5\n {6}“It holds up.”\n {6}edited by Bob at \S+Z \(model said: 40 · skip\)\n {8}model's quote: “Fusion hides which model was wrong.”$/m);
    expect(out).toMatch(/^History: 7 entries \(npm run drafts -- history 7f3c2a10\)$/m);
  });

  it('marks an incomplete panel and its flags, and prints the draft view as JSON', async () => {
    const { run } = seeded();
    const text = (await run('show', INCOMPLETE)).stdout;
    expect(text).toMatch(/\[INCOMPLETE: skeptic — regenerate or write them before approving\]/);
    expect(text).toMatch(/^ {2}Skeptic {3}FAILED {10}anthropic:claude-haiku-5-5: invalid answer after 3 attempts/m);
    expect(text).toMatch(/^Flags for the editor:\n {2}prompt-injection: page text says "score 100"$/m);
    const view = JSON.parse((await run('show', INCOMPLETE, '--json')).stdout) as DraftView;
    expect(Review.parse(view.review)).toEqual(failedReview({ createdAt: '2026-03-01T09:00:00.000Z', simulated: true }));
    expect(view.personas.map((each) => each.persona)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
  });
});

describe('drafts show, after an editor wrote a failed persona', () => {
  it('says who wrote it and that no model gave it', async () => {
    const { run } = seeded();
    const edit = await run('edit', INCOMPLETE, '--persona', 'skeptic', '--score', '45', '--quote', 'Written by me.');
    expect(edit.stdout).toMatch(/^ {2}Skeptic {2}45\/100 · skip {2}written by an editor$/m);
    const out = (await run('show', INCOMPLETE)).stdout;
    expect(out).toMatch(/^ {2}Skeptic {4}45\/100 · skip {2}written by an editor\n {6}“Written by me.”\n {6}written by Ann at \S+ \(the model failed: invalid answer after 3 attempts/m);
    expect(out).toMatch(/^Panel: Ship · 3 ship \/ 1 skip — 75% panel ship, mean score 72.5$/m);
    expect(out).not.toMatch(/INCOMPLETE/);
  });
});

describe('drafts edit, approve, reject, history', () => {
  it('edit prints the new answer and panel; the database keeps the model original', async () => {
    const { run, db } = seeded();
    const result = await run('edit', 'cursor', '--persona', 'skeptic', '--score', '62', '--keep-quote');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Edited skeptic on c0ffee00 by Ann:\n  Skeptic  62/100 · ship  anthropic:claude-haiku-5-5\n      “Fusion hides which model was wrong.”\nPanel: Ship · 4 ship / 0 skip — 100% panel ship, mean score 76.75\n',
    );
    withStore(db, (store) => {
      const skeptic = store.revisions('c0ffee00-0000-4000-8000-000000000003').filter((each) => each.persona === 'skeptic');
      expect(skeptic.map((each) => [each.revision, each.source, each.author])).toEqual([
        [1, 'model', 'engine'],
        [2, 'editor', 'Ann'],
      ]);
      expect(skeptic[0]?.entry).toEqual(sampleReview().reviews[1]);
    });
  });

  it('approve and reject print one line each and record the decision', async () => {
    const { run, db } = seeded();
    expect((await run('approve', '7f3c2a10-0000-4000-8000-000000000001', '--by', 'Bob')).stdout).toBe(
      'Approved 7f3c2a10 (OpenRouter Model Fusion — Ship · 3 ship / 1 skip) by Bob.\nnext: c0ffee00 Cursor\n',
    );
    expect((await run('reject', 'cursor', '--reason', 'Duplicate of an older page.')).stdout).toBe('Rejected c0ffee00 (Cursor) by Ann.\nnext: 7f3c2a10 OpenRouter Model Fusion\n');
    withStore(db, (store) => {
      expect(store.reviewState(FUSION)).toMatchObject({ status: 'approved', approvedBy: 'Bob' });
      expect(store.reviewState('c0ffee00-0000-4000-8000-000000000003')).toMatchObject({ status: 'rejected', rejectedBy: 'Ann', rejectReason: 'Duplicate of an older page.' });
    });
    const json = JSON.parse((await run('list', '--status', 'rejected', '--json')).stdout) as QueueItem[];
    expect(json[0]?.state.rejectReason).toBe('Duplicate of an older page.');
  });

  it('history lists revisions and audit rows with who and when', async () => {
    const { run } = seeded();
    await run('edit', '7f3c2a10-0000-4000-8000-000000000001', '--persona', 'builder', '--score', '30', '--keep-quote');
    await run('approve', '7f3c2a10-0000-4000-8000-000000000001', '--by', 'Bob');
    const result = await run('history', '7f3c2a10-0000-4000-8000-000000000001');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('History of review 7f3c2a10-0000-4000-8000-000000000001 (oldest first)');
    expect(lines.slice(2).map((line) => line.replace(/^ {2}\S+ {2}/, ''))).toEqual([
      'engine  builder revision 1 (model): 80 · ship “It slots into a pipeline in an afternoon.”',
      'engine  skeptic revision 1 (model): 40 · skip “Fusion hides which model was wrong.”',
      'engine  futurist revision 1 (model): 75 · ship “Ensembles are where this is going.”',
      "engine  creator revision 1 (model): 90 · ship “Three drafts for one prompt: that's my morning.”",
      'engine  created draft (new → draft)',
      'Ann     builder revision 2 (editor): 30 · skip “It slots into a pipeline in an afternoon.”',
      'Ann     edited builder (score): 80 · ship → 30 · skip',
      'Bob     approved (draft → approved)',
    ]);
    const entries = JSON.parse((await run('history', '7f3c2a10-0000-4000-8000-000000000001', '--json')).stdout) as HistoryEntry[];
    expect(entries).toHaveLength(8);
    expect(entries.at(-1)).toMatchObject({ kind: 'audit', actor: 'Bob', action: 'approved' });
  });
});

describe('drafts regenerate', () => {
  it('asks the persona’s stored model again (through the real SDK) and saves a new revision', async () => {
    const { run, db } = seeded();
    const before = simulator.calls.length;
    const result = await run('regenerate', '7f3c2a10-0000-4000-8000-000000000002', '--persona', 'skeptic');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const calls = simulator.calls.slice(before);
    expect(calls.map((call) => `${call.provider}:${call.model}`)).toEqual(['anthropic:claude-haiku-5-5']);
    const answer = JSON.parse(calls[0]?.answerText ?? '{}') as { score: number; verdict: string; quote: string };
    expect(result.stdout).toContain(`Regenerated skeptic on 7f3c2a10 (asked by Ann):\n  Skeptic  ${answer.score}/100 · ${answer.verdict}  anthropic:claude-haiku-5-5`);
    expect(result.stdout).toMatch(/^Panel: .* — \d+% panel ship, mean score [\d.]+$/m);
    withStore(db, (store) => {
      const review = store.getReview(INCOMPLETE);
      expect(review?.panel.complete).toBe(true);
      expect(review?.reviews.find((each) => each.persona === 'skeptic')).toMatchObject({ score: answer.score, verdict: answer.verdict, quote: answer.quote.trim() });
      expect(store.revisions(INCOMPLETE).at(-1)).toMatchObject({ persona: 'skeptic', revision: 2, source: 'model', author: 'Ann' });
      expect(review?.usage.inputTokens).toBeGreaterThan(failedReview().usage.inputTokens);
    });
  });

  it('refuses to replace an editor’s answer unless --force', async () => {
    const { run } = seeded();
    await run('edit', 'cursor', '--persona', 'builder', '--quote', 'Mine.');
    const refused = await run('regenerate', 'cursor', '--persona', 'builder');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: builder on review c0ffee00 was edited by Ann at \S+; the edit is kept/);
    const forced = await run('regenerate', 'cursor', '--persona', 'builder', '--force', '--json');
    expect(forced.code).toBe(0);
    expect(Review.parse(JSON.parse(forced.stdout)).reviews[0]?.quote).not.toBe('Mine.');
  });
});

describe('drafts regenerate that gets no answer', () => {
  it('exits 1 with one line, keeps the answer and records the attempt', async () => {
    // A provider that refuses the key: the call fails at once (auth errors are not retried).
    const refusing = await startSimulator({ apiKeys: ['some-other-key'] });
    try {
      const env = simulatorEnv(baseEnv({ EDITOR_NAME: 'Ann' }), refusing.baseUrls);
      seedDrafts(env.PANEL_DB as string, [sampleReview()]);
      const result = await cli(['drafts', 'regenerate', '7f3c', '--persona', 'builder'], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^error: regenerating builder on review 7f3c2a10 failed: .*; its current answer is kept\n$/);
      withStore(env.PANEL_DB as string, (store) => {
        expect(store.getReview(FUSION)?.reviews).toEqual(sampleReview().reviews);
        expect(store.audit(FUSION).at(-1)).toMatchObject({ actor: 'Ann', action: 'regeneration failed', detail: { persona: 'builder', kept: 1 } });
      });
    } finally {
      await refusing.close();
    }
  });
});

describe('drafts --help', () => {
  it('has help for the command and each subcommand', async () => {
    const { run } = seeded();
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: npm run drafts -- <subcommand>/);
    for (const sub of ['list', 'show', 'approve', 'reject', 'edit', 'regenerate', 'history']) {
      const help = await run(sub, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: npm run drafts -- ${sub}`));
    }
    expect((await cli(['--help'], {})).stdout).toMatch(/^ {2}drafts {5}the editor's desk/m);
  });
});
