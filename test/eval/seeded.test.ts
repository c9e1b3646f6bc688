/**
 * Issue 14's measure for evals: a store of 40 approved simulated reviews (a few verdicts
 * changed by an editor), a candidate Skeptic file that gained a sentence, and a simulator told
 * that a prompt with that sentence ships 90% of tools. The eval must show the Skeptic's flips,
 * its positive score shift and the κ change, and no change for the personas whose files did
 * not change; plus --limit, --dry-run, the frozen file's hash and the bad-input lines.
 */
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import { EvalPlan, EvalReport, EvalSet, type PersonaEval } from '../../src/eval/index.js';
import { projectPaths } from '../../src/paths.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { candidatePersonas, fillStore, type FilledStore } from './fill-store.js';

const SENTENCE = 'Lately the Skeptic gives the benefit of the doubt to tools whose pages state their limits plainly.';
const ITEMS = 40;
const EDITS = { skeptic: 4, builder: 2 };

let simulator: Simulator;
let env: Record<string, string | undefined>;
let filled: FilledStore;
let candidate: string;

beforeAll(async () => {
  simulator = await startSimulator({ personaBias: [{ match: SENTENCE, shipRate: 0.9 }] });
  env = simulatorEnv(baseEnv(), simulator.baseUrls);
  filled = await fillStore(env, ITEMS, EDITS);
  candidate = candidatePersonas('skeptic', SENTENCE);
}, 180_000);
afterAll(async () => {
  await simulator.close();
});

const evalCli = (...argv: string[]) => cli(['eval', ...argv], env);
const requests = (): number => simulator.stats().requests;
const persona = (report: EvalReport, id: string): PersonaEval => {
  const found = report.personas.find((each) => each.persona === id);
  if (found == null) throw new Error(`no ${id} in the report`);
  return found;
};

/** Rows that tell whether anything was written: reviews, revisions and audit entries. */
function storeCounts(): number[] {
  const db = new Database(env.PANEL_DB as string, { readonly: true });
  try {
    return ['reviews', 'persona_reviews', 'audit_log'].map((table) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  } finally {
    db.close();
  }
}

describe('eval against the seeded prompt change', () => {
  it("shows the Skeptic's flips, score shift and κ change, and no change elsewhere; writes nothing", async () => {
    const before = requests();
    const rows = storeCounts();
    const result = await evalCli('--personas', candidate, '--include-simulated', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = EvalReport.parse(JSON.parse(result.stdout));
    expect(report.set).toMatchObject({ items: ITEMS, used: ITEMS, simulated: ITEMS });
    expect(report.rerun).toMatchObject({ mode: 'changed', personas: ['skeptic'], reused: ['builder', 'futurist', 'creator'] });

    const skeptic = persona(report, 'skeptic');
    expect(skeptic.candidateAnswers).toBe('asked');
    expect(skeptic.editorChanged).toBe(EDITS.skeptic);
    // The current files send the prompts the approved reviews were made with, and the
    // simulator answers an identical prompt identically: only the editors' changes disagree.
    expect(skeptic.current).toMatchObject({ answered: ITEMS, failures: 0, agreement: (ITEMS - EDITS.skeptic) / ITEMS });
    expect(skeptic.candidate).toMatchObject({ answered: ITEMS, failures: 0 });
    expect(skeptic.flips).toBeGreaterThanOrEqual(8);
    expect(skeptic.flipped).toHaveLength(skeptic.flips);
    expect(skeptic.scoreShift?.mean).toBeGreaterThan(3);
    expect(skeptic.candidate?.shipRate).toBeGreaterThan(skeptic.current?.shipRate ?? 1);
    expect(skeptic.kappaChange).toBeLessThan(-0.4);

    for (const id of ['builder', 'futurist', 'creator']) {
      const other = persona(report, id);
      expect(other).toMatchObject({ candidateAnswers: 'reused', flips: 0, paired: ITEMS, kappaChange: 0 });
      expect(other.scoreShift?.mean).toBe(0);
      expect(other.candidate).toEqual(other.current);
    }
    expect(persona(report, 'builder').current?.agreement).toBe((ITEMS - EDITS.builder) / ITEMS);
    expect(persona(report, 'futurist').current?.kappa).toBe(1);

    // 4 personas × 40 on the current side, the Skeptic alone on the candidate side; the
    // counted calls are the simulator's requests, and nothing reached the store.
    expect(report.cost.current).toMatchObject({ calls: 4 * ITEMS, answers: 4 * ITEMS, failures: 0 });
    expect(report.cost.candidate).toMatchObject({ calls: ITEMS, answers: ITEMS, failures: 0 });
    expect(report.cost.current.costUsd).toBeGreaterThan(0);
    expect(requests() - before).toBe(5 * ITEMS);
    expect(storeCounts()).toEqual(rows);
  });

  it('prints the side-by-side summary', async () => {
    const result = await evalCli('--personas', candidate, '--include-simulated', '--limit', '12');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Eval set sha256:[0-9a-f]{12}… from .*: 40 approved reviews \(40 simulated\); ran 12 \(sha256:[0-9a-f]{12}…\)$/m);
    expect(result.stdout).toMatch(/^Candidate side: only skeptic differs: builder, futurist, creator keep the current side's answers/m);
    expect(result.stdout).toMatch(/^Skeptic \(re-run\) · 12 approved verdicts, 4 changed by editors$/m);
    expect(result.stdout).toMatch(/^Builder \(reused: file unchanged\)/m);
    expect(result.stdout).toMatch(/^ {2}κ vs approved \(±SE\) +\S+ +\S+ +\S+$/m);
    expect(result.stdout).toMatch(/^ {2}flips: \d+ of 12 paired items · score shift candidate − current [+−±][\d.]+ \[95% /m);
    expect(result.stdout).toMatch(/^Cost: current \$[\d.]+ in 48 calls \(0 failed\) · candidate \$[\d.]+ in 12 calls \(0 failed\)$/m);
    expect(result.stdout).toMatch(/^Note: only 12 items: κ and the score shift are rough below 30/m);
  });

  it('--rerun all asks every candidate persona (the roster carries the changed file into every prompt)', async () => {
    const before = requests();
    const result = await evalCli('--personas', candidate, '--include-simulated', '--json', '--rerun', 'all', '--limit', '10');
    expect(result.code).toBe(0);
    const report = EvalReport.parse(JSON.parse(result.stdout));
    expect(report.rerun).toMatchObject({ mode: 'all', personas: ['builder', 'skeptic', 'futurist', 'creator'], reused: [] });
    expect(report.personas.map((each) => each.candidateAnswers)).toEqual(['asked', 'asked', 'asked', 'asked']);
    expect(report.cost.candidate.calls).toBe(40);
    expect(requests() - before).toBe(80);
  });
});

describe('eval --limit and --dry-run', () => {
  it('--limit takes the first N items of the same set: same set hash, its own used hash, N items of calls', async () => {
    const before = requests();
    const all = EvalPlan.parse(JSON.parse((await evalCli('--personas', candidate, '--include-simulated', '--dry-run', '--json')).stdout));
    const result = await evalCli('--personas', candidate, '--include-simulated', '--limit', '5', '--json');
    expect(result.code).toBe(0);
    const report = EvalReport.parse(JSON.parse(result.stdout));
    expect(report.set).toMatchObject({ hash: all.set.hash, items: ITEMS, used: 5 });
    expect(report.set.usedHash).not.toBe(report.set.hash);
    expect(persona(report, 'skeptic').current?.answered).toBe(5);
    expect(report.cost.current.calls + report.cost.candidate.calls).toBe(25);
    expect(requests() - before).toBe(25);
  });

  it('plans the calls of each side with an estimated cost, and calls nothing', async () => {
    const before = requests();
    const result = await evalCli('--personas', candidate, '--include-simulated', '--dry-run', '--json');
    expect(result.code).toBe(0);
    const plan = EvalPlan.parse(JSON.parse(result.stdout));
    expect(plan.current.calls).toBe(4 * ITEMS);
    expect(plan.candidate.calls).toBe(ITEMS);
    expect(plan.candidate.byPersona.map((row) => row.persona)).toEqual(['skeptic']);
    expect(plan.calls).toBe(5 * ITEMS);
    expect(plan.costUsd).toBeGreaterThan(0);
    expect(plan.missingKeys).toEqual([]);

    const everyone = EvalPlan.parse(JSON.parse((await evalCli('--personas', candidate, '--include-simulated', '--dry-run', '--json', '--rerun', 'all', '--limit', '7')).stdout));
    expect([everyone.current.calls, everyone.candidate.calls, everyone.set.used]).toEqual([28, 28, 7]);

    const text = await evalCli('--personas', candidate, '--include-simulated', '--dry-run');
    expect(text.stdout).toMatch(/^Dry run: nothing is called\. Eval set sha256:[0-9a-f]{12}… from .*: 40 of 40 items$/m);
    expect(text.stdout).toMatch(/^Candidate side: 40 calls, ~\$[\d.]+$/m);
    expect(text.stdout).toMatch(/^Total: 200 calls, estimated ~\$[\d.]+$/m);
    expect(requests() - before).toBe(0);
  });

  it('a changed review prompt re-runs every persona on the candidate side', async () => {
    const prompts = path.join(mkdtempSync(path.join(os.tmpdir(), 'eval-prompts-')), 'prompts');
    cpSync(projectPaths.prompts, prompts, { recursive: true });
    const review = path.join(prompts, 'review.md');
    writeFileSync(review, readFileSync(review, 'utf8').replace('Be specific to this tool:', 'Be concrete and specific to this tool:'));
    const plan = EvalPlan.parse(JSON.parse((await evalCli('--prompts', prompts, '--include-simulated', '--dry-run', '--json', '--limit', '3')).stdout));
    expect(plan.rerun).toEqual({ mode: 'changed', personas: ['builder', 'skeptic', 'futurist', 'creator'], reused: [], why: 'prompts/review.md differs: every persona is asked' });
    expect([plan.current.calls, plan.candidate.calls]).toEqual([12, 12]);
    // The same files on both sides: nothing to ask on the candidate side.
    const same = EvalPlan.parse(JSON.parse((await evalCli('--personas', projectPaths.personas, '--include-simulated', '--dry-run', '--json')).stdout));
    expect(same.rerun.personas).toEqual([]);
    expect(same.candidate.calls).toBe(0);
  });
});

describe('a persona call that fails', () => {
  it('is counted as a failure of its side, never replaced by an answer; the report is printed and the exit code is 1', async () => {
    const faulty = await startSimulator({ script: [{ provider: 'anthropic', fault: 'unauthorized' }] });
    try {
      const result = await cli(['eval', '--personas', candidate, '--include-simulated', '--json', '--limit', '3'], simulatorEnv({ ...env }, faulty.baseUrls));
      expect(result.code).toBe(1);
      const report = EvalReport.parse(JSON.parse(result.stdout));
      // The Skeptic is the Anthropic persona: one of its six calls (three items, two sides) was refused.
      const skeptic = persona(report, 'skeptic');
      expect((skeptic.current?.failures ?? 0) + (skeptic.candidate?.failures ?? 0)).toBe(1);
      expect((skeptic.current?.answered ?? 0) + (skeptic.candidate?.answered ?? 0)).toBe(5);
      expect(skeptic.paired).toBe(2);
      expect(report.cost.current.failures + report.cost.candidate.failures).toBe(1);
    } finally {
      await faulty.close();
    }
  });
});

describe('the frozen set', () => {
  const tempFile = (name: string): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'eval-set-')), name);

  it('freezes to a file whose hash the report shows; the same store freezes to the same hash', async () => {
    const file = tempFile('set.json');
    const frozen = await evalCli('freeze', '--out', file, '--include-simulated');
    expect(frozen.code).toBe(0);
    const set = EvalSet.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(frozen.stdout).toBe(`Froze 40 approved reviews (40 simulated) to "${file}": ${set.hash}\n`);
    expect(set.items).toHaveLength(ITEMS);
    // An item is what the panel saw and what the editors approved, editor changes marked.
    const changed = filled.changes.find((change) => change.persona === 'skeptic');
    const item = set.items.find((each) => each.reviewId === changed?.reviewId);
    expect(item?.approved.find((each) => each.persona === 'skeptic')).toMatchObject({ source: 'editor', verdict: changed?.to, modelVerdict: changed?.from });
    expect(item?.pageExcerpt).toMatch(/^Tool \d+ helps with /);
    expect(item?.profile.url).toMatch(/^https:\/\/tool-\d+\.example\.com\/$/);

    const again = tempFile('again.json');
    await evalCli('freeze', '--out', again, '--include-simulated');
    expect(EvalSet.parse(JSON.parse(readFileSync(again, 'utf8'))).hash).toBe(set.hash);
    const fromFile = EvalPlan.parse(JSON.parse((await evalCli('--set', file, '--personas', candidate, '--dry-run', '--json')).stdout));
    const fromStore = EvalPlan.parse(JSON.parse((await evalCli('--personas', candidate, '--include-simulated', '--dry-run', '--json')).stdout));
    expect(fromFile.set).toMatchObject({ hash: set.hash, source: file });
    expect(fromStore.set.hash).toBe(set.hash);

    const refused = await evalCli('freeze', '--out', file, '--include-simulated');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: cannot write the eval set to .*set\.json: EEXIST\n$/);
  });

  it('refuses a set file changed after it was frozen, in one line', async () => {
    const file = tempFile('set.json');
    await evalCli('freeze', '--out', file, '--include-simulated');
    const set = EvalSet.parse(JSON.parse(readFileSync(file, 'utf8')));
    const first = set.items[0]?.approved[0];
    if (first == null) throw new Error('empty set');
    first.score = first.score === 100 ? 99 : first.score + 1;
    writeFileSync(file, JSON.stringify(set));
    const result = await evalCli('--set', file, '--personas', candidate, '--dry-run');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*set\.json: its items do not match its hash \(sha256:[0-9a-f]{12}…, now sha256:[0-9a-f]{12}…\): the set was changed after it was frozen; freeze it again\n$/);
  });
});

describe('eval: bad input is one line, exit 2', () => {
  it('a persona file that does not parse, a missing directory, no approved reviews, bad flags', async () => {
    const broken = mkdtempSync(path.join(os.tmpdir(), 'eval-broken-'));
    cpSync(projectPaths.personas, broken, { recursive: true });
    const skeptic = path.join(broken, 'skeptic.md');
    writeFileSync(skeptic, readFileSync(skeptic, 'utf8').replace('temperature: 0.7', 'temprature: 0.7'));
    const emptyPrompts = path.join(mkdtempSync(path.join(os.tmpdir(), 'eval-prompts-')), 'prompts');
    mkdirSync(emptyPrompts);
    const before = requests();
    const cases: Array<[string[], RegExp]> = [
      [['--personas', broken, '--include-simulated'], /^error: \S+skeptic\.md: front matter field "temperature"/],
      [['--personas', path.join(broken, 'missing'), '--include-simulated'], /^error: cannot read personas directory .*missing: ENOENT$/],
      [['--prompts', emptyPrompts, '--include-simulated'], /profile\.md|review\.md/],
      [['--personas', candidate], /no approved reviews \(simulated reviews are left out unless --include-simulated\)$/],
      [['--personas', candidate, '--include-simulated', '--limit', '0'], /^error: --limit "0" must be a whole number of items, 1 or more$/],
      [['--rerun', 'some', '--include-simulated'], /^error: --rerun "some" must be "changed" or "all"$/],
      [['again'], /^error: eval takes no arguments but "freeze"/],
      [['freeze'], /^error: eval freeze needs --out FILE/],
    ];
    for (const [argv, line] of cases) {
      const result = await evalCli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout, argv.join(' ')).toBe('');
      expect(result.stderr.split('\n').filter(Boolean), argv.join(' ')).toHaveLength(1);
      expect(result.stderr.trimEnd(), argv.join(' ')).toMatch(line);
    }
    expect(requests() - before).toBe(0);
  });
});
