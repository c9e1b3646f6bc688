/**
 * Issue 12 on the command line: `drafts show` prints the claims (unsupported ones with where
 * they stand and the decision, supported ones with their source), `drafts claim` decides them,
 * and `approve` is refused (exit 2, one line) until each is decided; `--revision` still holds;
 * an unchecked review needs --allow-unchecked. The `review` summary prints claims too.
 */
import { describe, expect, it } from 'vitest';
import { formatReviewSummary } from '../../src/cli/print.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { GROUNDED_ID, groundedReview } from '../editor/claims-fixture.js';
import { sampleReview, seedDrafts, withStore } from '../editor/desk-fixtures.js';
import { openStore } from '../../src/store/index.js';

const SHORT = GROUNDED_ID.slice(0, 8);

function seeded(drafts = [groundedReview()]) {
  const env = baseEnv({ EDITOR_NAME: 'Ann' });
  seedDrafts(env.PANEL_DB as string, drafts);
  return { db: env.PANEL_DB as string, run: (...argv: string[]) => cli(['drafts', ...argv], env) };
}

describe('drafts show', () => {
  it('prints the unsupported claims with field, persona and the command to decide them, and the supported ones with their source', async () => {
    const { run } = seeded();
    const out = (await run('show', SHORT)).stdout;
    expect(out).toMatch(/^Grounding: checked by openai:gpt-5\.4-nano · 1 supported, 3 unsupported \(0 accepted, 0 removed, 3 to decide\)$/m);
    expect(out).toMatch(/^ {2}UNSUPPORTED c2 \(mode\) in the description: “three fusion modes \(best-of, merge and debate\)”\n {6}NO DECISION — npm run drafts -- claim 9a9a9a9a c2 --accept "REASON" {2}\(or --remove --text "…"\)$/m);
    expect(out).toMatch(/^ {2}UNSUPPORTED c4 \(number\) in the Skeptic's quote: “20–30% overhead”$/m);
    expect(out).toMatch(/^ {2}supported c1 in the description: “a panel of up to 8 models in parallel” ← page: “a panel of up to 8 models in parallel”$/m);
  });

  it('names a quote regenerated after the grounding check as not checked', async () => {
    const { run, db } = seeded();
    const store = openStore(db);
    try {
      const futurist = groundedReview().reviews.find((answer) => answer.persona === 'futurist');
      if (futurist == null) throw new Error('no futurist');
      store.write(() => store.addRevision({ reviewId: GROUNDED_ID, persona: 'futurist', source: 'model', author: 'Bob', at: '2026-03-02T09:00:00.000Z', entry: { ...futurist, quote: 'Ensembles win, and soon.' } }));
    } finally {
      store.close();
    }
    expect((await run('show', SHORT)).stdout).toMatch(/^ {2}regenerated after the grounding check, so not checked: Futurist$/m);
  });

  it('says plainly when a review was not grounding-checked', async () => {
    const { grounding: _none, ...old } = sampleReview();
    const { run } = seeded([old]);
    expect((await run('show', old.id)).stdout).toMatch(/^Grounding: NOT grounding-checked \(made before grounding checks existed\) — approving it needs --allow-unchecked$/m);
  });
});

describe('drafts claim and approve', () => {
  it('approve is refused with one line until every claim is decided; then it goes through', async () => {
    const { run, db } = seeded();
    const refused = await run('approve', SHORT);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/has 3 unsupported claims without a decision \(c2 in the description: “three fusion modes \(best-of, merge and debate\)”; c3 in the description: “20–30% overhead”; c4 in the Skeptic's quote: “20–30% overhead”\) — accept each with a reason or remove it first/);

    expect((await run('claim', SHORT, 'c2', '--accept', 'The vendor confirmed the modes.')).stdout).toBe('Accepted claim c2 on 9a9a9a9a (OpenRouter Model Fusion) by Ann.\n');
    const stillThere = await run('claim', SHORT, 'c3', '--remove');
    expect(stillThere.code).toBe(2);
    expect(stillThere.stderr).toMatch(/claim c3 \(“20–30% overhead”\) is still in the description: give the text without it to remove it, e\.g\. --text "/);
    expect((await run('claim', SHORT, 'c3', '--remove', '--text', 'Runs a panel of up to 8 models in parallel and offers three fusion modes (best-of, merge and debate).')).stdout).toMatch(/^Removed \(text edited\) claim c3/);

    // A decision made on a revision someone has since moved past is refused (exit 1), nothing written.
    const stale = await run('claim', SHORT, 'c4', '--remove', '--text', 'Fusion hides which model was wrong.', '--revision', '1');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/changed since you looked/);
    const revision = withStore(db, (store) => store.reviewState(GROUNDED_ID)?.revision);
    expect((await run('claim', SHORT, 'c4', '--remove', '--text', 'Fusion hides which model was wrong.', '--revision', String(revision))).code).toBe(0);

    const show = (await run('show', SHORT)).stdout;
    expect(show).toMatch(/^ {6}accepted by Ann at \S+: The vendor confirmed the modes\.$/m);
    expect(show).toMatch(/^ {2}description edited by Ann at \S+ \(the model wrote: “Runs a panel/m);
    expect((await run('approve', SHORT)).code).toBe(0);
    withStore(db, (store) => expect(store.reviewState(GROUNDED_ID)?.status).toBe('approved'));
  });

  it('bad usage is one line, exit 2: both or neither of --accept/--remove, --text with --accept, a missing claim id', async () => {
    const { run } = seeded();
    expect((await run('claim', SHORT, 'c2')).stderr).toMatch(/needs one of --accept REASON or --remove/);
    expect((await run('claim', SHORT, 'c2', '--accept', 'x', '--remove')).code).toBe(2);
    expect((await run('claim', SHORT, 'c2', '--accept', 'x', '--text', 'y')).stderr).toMatch(/--text goes with --remove/);
    expect((await run('claim', SHORT)).stderr).toMatch(/takes a review id and a claim id/);
    expect((await run('claim')).stderr).toMatch(/takes a review id and a claim id/);
    expect((await run('claim', SHORT, 'c9', '--accept', 'x')).stderr).toMatch(/has no claim "c9"/);
  });

  it('an unchecked review needs --allow-unchecked', async () => {
    const { grounding: _none, ...old } = sampleReview();
    const { run } = seeded([old]);
    const refused = await run('approve', old.id);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not grounding-checked: it was made before grounding checks existed — confirm with --allow-unchecked/);
    expect((await run('approve', old.id, '--allow-unchecked')).code).toBe(0);
  });
});

describe('the review summary', () => {
  it('prints the claims a fresh draft will need decided', () => {
    const out = formatReviewSummary(groundedReview(), { savedTo: 'data/panel.db' });
    expect(out).toMatch(/^Grounding: checked by openai:gpt-5\.4-nano · 1 supported, 3 unsupported \(0 accepted, 0 removed, 3 to decide\)$/m);
    expect(out).toMatch(/^ {2}UNSUPPORTED c3 \(number\) in the description: “20–30% overhead”\n {6}the editor must accept it \(with a reason\) or remove it before approval$/m);
  });
});
