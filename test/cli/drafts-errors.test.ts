/**
 * Every wrong id, state, persona, flag or missing name: exit 2, one line on stderr, nothing
 * printed on stdout and nothing written to the database.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, cli } from '../helpers/cli.js';
import { failedReview, otherTool, sampleReview, seedDrafts, withStore } from '../editor/desk-fixtures.js';

let env: Record<string, string | undefined>;
beforeEach(async () => {
  env = baseEnv();
  seedDrafts(env.PANEL_DB as string, [
    sampleReview(),
    failedReview(),
    otherTool('a9a9a9a9-approved', 'Approved Tool'),
    otherTool('b8b8b8b8-edited', 'Edited Tool'),
  ]);
  // One approved review and one edited draft, for the wrong-state cases.
  expect((await cli(['drafts', 'approve', 'approved-tool', '--by', 'Ann'], env)).code).toBe(0);
  expect((await cli(['drafts', 'edit', 'edited-tool', '--persona', 'builder', '--quote', 'Mine.', '--by', 'Ann'], env)).code).toBe(0);
});

/** Everything an action could change: counts of rows and the reviews' states. */
const snapshot = () =>
  withStore(env.PANEL_DB as string, (store) => ({
    audit: store.db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
    revisions: store.db.prepare('SELECT count(*) FROM persona_reviews').pluck().get(),
    reviews: store.db.prepare('SELECT id, status, updated_at, label FROM reviews ORDER BY id').all(),
  }));

const FUSION = sampleReview().id;
const INCOMPLETE = failedReview().id;

const cases: Array<{ name: string; argv: string[]; message: RegExp; env?: Record<string, string> }> = [
  { name: 'no subcommand', argv: [], message: /drafts needs a subcommand: list, show, approve, claim, reject, edit, regenerate, history/ },
  { name: 'unknown subcommand', argv: ['publish'], message: /unknown drafts subcommand "publish"/ },
  { name: 'unknown flag', argv: ['list', '--bogus'], message: /drafts list: Unknown option '--bogus'/ },
  { name: 'list with an argument', argv: ['list', 'extra'], message: /drafts list takes no arguments/ },
  { name: 'unknown status', argv: ['list', '--status', 'published'], message: /--status must be one of draft, approved, rejected, superseded, got "published"/ },
  { name: 'show without id', argv: ['show'], message: /drafts show takes one review id, got none/ },
  { name: 'show with two ids', argv: ['show', 'a', 'b'], message: /drafts show takes one review id, got 2/ },
  { name: 'unknown id', argv: ['show', 'deadbeef'], message: /no review matches "deadbeef": give a review id, a unique id prefix \(4\+ characters\) or a tool slug \(recent tools: / },
  { name: 'prefix too short', argv: ['show', '7f3'], message: /"7f3" is too short: an id prefix needs at least 4 characters/ },
  { name: 'ambiguous prefix', argv: ['history', '7f3c'], message: /"7f3c" matches 2 reviews: 7f3c2a10-0000-4000-8000-000000000002 \(OpenRouter Model Fusion, draft, 2026-03-01\), 7f3c2a10-0000-4000-8000-000000000001 \(OpenRouter Model Fusion, draft, 2026-03-01\) — give more of the id/ },
  { name: 'approve without a name', argv: ['approve', FUSION], message: /an editor name is needed: pass --by NAME or set EDITOR_NAME/ },
  { name: 'approve as the engine', argv: ['approve', FUSION, '--by', 'engine'], message: /"engine" is reserved/ },
  { name: 'approve an incomplete panel', argv: ['approve', INCOMPLETE, '--by', 'Ann'], message: /review 7f3c2a10 \(OpenRouter Model Fusion\) is incomplete: skeptic failed — regenerate or write them first/ },
  { name: 'approve an approved review', argv: ['approve', 'approved-tool', '--by', 'Ann'], message: /^error: review a9a9a9a9 \(Approved Tool\) is approved, not a draft: only drafts can be approved$/ },
  { name: 'reject an approved review', argv: ['reject', 'a9a9', '--reason', 'x', '--by', 'Ann'], message: /is approved, not a draft: only drafts can be rejected/ },
  { name: 'reject without a reason', argv: ['reject', FUSION, '--by', 'Ann'], message: /drafts reject needs --reason TEXT/ },
  { name: 'reject with an empty reason', argv: ['reject', FUSION, '--reason', ' ', '--by', 'Ann'], message: /drafts reject: --reason needs a value/ },
  { name: 'edit without persona', argv: ['edit', FUSION, '--score', '5', '--by', 'Ann'], message: /drafts edit needs --persona P/ },
  { name: 'edit an unknown persona', argv: ['edit', FUSION, '--persona', 'operator', '--score', '5', '--by', 'Ann'], message: /review 7f3c2a10 has no persona "operator" \(its panel: builder, skeptic, futurist, creator\)/ },
  { name: 'edit a score that is not a number', argv: ['edit', FUSION, '--persona', 'skeptic', '--score', 'high', '--by', 'Ann'], message: /--score must be a whole number from 0 to 100, got "high"/ },
  { name: 'edit a score above 100', argv: ['edit', FUSION, '--persona', 'skeptic', '--score', '101', '--by', 'Ann'], message: /--score must be a whole number from 0 to 100, got "101"/ },
  { name: 'edit a bad verdict', argv: ['edit', FUSION, '--persona', 'skeptic', '--verdict', 'maybe', '--by', 'Ann'], message: /--verdict must be one of ship, skip, got "maybe"/ },
  { name: 'edit an inconsistent verdict', argv: ['edit', FUSION, '--persona', 'skeptic', '--score', '80', '--verdict', 'skip', '--by', 'Ann'], message: /verdict "skip" disagrees with score 80/ },
  { name: 'edit nothing', argv: ['edit', FUSION, '--persona', 'skeptic', '--by', 'Ann'], message: /edit skeptic: nothing to change/ },
  { name: 'write a failed persona without a quote', argv: ['edit', INCOMPLETE, '--persona', 'skeptic', '--score', '45', '--by', 'Ann'], message: /skeptic has no answer \(its model failed\): writing it needs both a score and a quote/ },
  {
    name: 'edit a score across the ship line without --quote or --keep-quote',
    argv: ['edit', FUSION, '--persona', 'skeptic', '--score', '80', '--by', 'Ann'],
    message: /score 80 moves Skeptic across the ship line \(50\) from skip to ship, but its quote was written for skip: rewrite it with --quote "…" or keep it with --keep-quote$/,
  },
  // The correction draft is opened in the same transaction as the edit: a refused edit leaves none behind (the snapshot).
  { name: 'edit a published review across the ship line without a quote', argv: ['edit', 'approved-tool', '--persona', 'skeptic', '--score', '80', '--by', 'Ann'], message: /rewrite it with --quote "…" or keep it with --keep-quote$/ },
  { name: 'edit with both --quote and --keep-quote', argv: ['edit', FUSION, '--persona', 'skeptic', '--score', '80', '--quote', 'Fine.', '--keep-quote', '--by', 'Ann'], message: /give --quote TEXT or --keep-quote, not both/ },
  { name: 'amend a draft', argv: ['amend', FUSION, '--by', 'Ann'], message: /review 7f3c2a10 \(OpenRouter Model Fusion\) is draft, not published, so there is nothing to correct — it is a draft: edit it directly$/ },
  { name: 'regenerate an unknown persona', argv: ['regenerate', FUSION, '--persona', 'operator', '--by', 'Ann'], message: /has no persona "operator"/ },
  { name: 'regenerate over an edit', argv: ['regenerate', 'edited-tool', '--persona', 'builder', '--by', 'Ann'], message: /builder on review b8b8b8b8 was edited by Ann at \S+; the edit is kept/ },
  { name: 'regenerate an approved review', argv: ['regenerate', 'approved-tool', '--persona', 'builder', '--by', 'Ann'], message: /is approved, not a draft: only drafts can be regenerated/ },
  { name: 'regenerate without a key', argv: ['regenerate', FUSION, '--persona', 'skeptic', '--by', 'Ann'], message: /skeptic's model anthropic:claude-haiku-5-5 needs ANTHROPIC_API_KEY, which is not set/ },
  { name: 'regenerate without persona', argv: ['regenerate', FUSION, '--by', 'Ann'], message: /drafts regenerate needs --persona P/ },
];

describe('drafts refusals', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: exit 2, one line`, async () => {
      const before = snapshot();
      const result = await cli(['drafts', ...testCase.argv], { ...env, ...testCase.env });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toMatch(testCase.message);
      expect(snapshot()).toEqual(before);
    });
  }
});
