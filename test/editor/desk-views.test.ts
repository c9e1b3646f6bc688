/** Finding a review (id, prefix, slug), the queue's order and the history. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { deskFixture, failedReview, otherTool, sampleReview, type DeskFixture } from './desk-fixtures.js';

let fixture: DeskFixture;
beforeEach(() => {
  fixture = deskFixture();
});
afterEach(() => fixture.cleanup());

describe('resolve', () => {
  beforeEach(() => {
    const { store } = fixture;
    store.saveDraft(sampleReview({ id: 'ab12cd34-one', createdAt: '2026-03-01T00:00:00.000Z' }));
    store.saveDraft(sampleReview({ id: 'ab12ef56-two', createdAt: '2026-03-02T00:00:00.000Z' }));
    store.saveDraft(otherTool('cd56ab12-three', 'Cursor'));
  });

  it('takes a full id, a unique prefix of 4+ characters, or a tool slug (its newest review)', () => {
    const { desk } = fixture;
    expect(desk.resolve('ab12cd34-one').id).toBe('ab12cd34-one');
    expect(desk.resolve('ab12c').id).toBe('ab12cd34-one');
    expect(desk.resolve('AB12E').id).toBe('ab12ef56-two');
    expect(desk.resolve('cd56').id).toBe('cd56ab12-three');
    expect(desk.resolve('openrouter-model-fusion').id).toBe('ab12ef56-two');
    expect(desk.resolve('cursor').id).toBe('cd56ab12-three');
    expect(desk.resolve('  cursor ').tool.name).toBe('Cursor');
  });

  it('refuses an ambiguous prefix, listing the candidates in one line', () => {
    const error = (() => {
      try {
        fixture.desk.resolve('ab12');
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(
      '"ab12" matches 2 reviews: ab12ef56 (OpenRouter Model Fusion, draft, 2026-03-02), ab12cd34 (OpenRouter Model Fusion, draft, 2026-03-01) — give more of the id',
    );
  });

  it('refuses a prefix under 4 characters and an unknown reference', () => {
    const { desk } = fixture;
    expect(() => desk.resolve('ab1')).toThrow(/^"ab1" is too short: an id prefix needs at least 4 characters$/);
    expect(() => desk.resolve('zzzz')).toThrow(
      /^no review matches "zzzz": give a review id, a unique id prefix \(4\+ characters\) or a tool slug \(recent tools: openrouter-model-fusion, cursor\)$/,
    );
    expect(() => desk.resolve('')).toThrow(UsageError);
    expect(() => desk.show('nope')).toThrow(UsageError);
  });
});

describe('queue', () => {
  it('lists drafts incomplete first, then flagged, then newest, with persona scores and cost', () => {
    const { store, desk } = fixture;
    store.saveDraft(otherTool('old-plain', 'Old Plain', { createdAt: '2026-03-01T00:00:00.000Z' }));
    store.saveDraft(otherTool('new-plain', 'New Plain', { createdAt: '2026-03-05T00:00:00.000Z' }));
    store.saveDraft(otherTool('flagged', 'Flagged', { createdAt: '2026-03-02T00:00:00.000Z', flags: [{ kind: 'prompt-injection', detail: 'score 100' }] }));
    store.saveDraft(failedReview({ id: 'incomplete', createdAt: '2026-02-01T00:00:00.000Z', flags: [], simulated: true }));
    store.saveDraft(otherTool('approved', 'Approved One', { createdAt: '2026-03-06T00:00:00.000Z' }));
    desk.approve('approved', 'Ann');
    desk.edit('new-plain', 'builder', { score: 81, keepQuote: true }, 'Ann');

    const queue = desk.queue();
    expect(queue.map((item) => item.id)).toEqual(['incomplete', 'flagged', 'new-plain', 'old-plain']);
    expect(queue[0]).toMatchObject({
      shortId: 'incomple',
      status: 'draft',
      tool: { name: 'OpenRouter Model Fusion', slug: 'openrouter-model-fusion' },
      panel: { label: 'Ship · 3 ship / 0 skip', shipPercent: 100, complete: false },
      failedPersonas: ['skeptic'],
      costUsd: 0.0021,
      flagCount: 0,
      simulated: true,
    });
    expect(queue[0]?.personas.map((each) => [each.persona, each.score, each.failed])).toEqual([
      ['builder', 80, false],
      ['skeptic', null, true],
      ['futurist', 75, false],
      ['creator', 90, false],
    ]);
    expect(queue[2]?.personas[0]).toEqual({ persona: 'builder', name: 'Builder', score: 81, verdict: 'ship', failed: false, edited: true });
    expect(desk.queue({ flagged: true }).map((item) => item.id)).toEqual(['flagged']);
    const approved = desk.queue({ status: 'approved' });
    expect(approved.map((item) => item.id)).toEqual(['approved']);
    expect(approved[0]?.state).toMatchObject({ approvedBy: 'Ann', status: 'approved' });
    expect(desk.queue({ status: 'rejected' })).toEqual([]);
  });
});

describe('show and history', () => {
  it('show gives the current review, each persona beside its model original, and the history', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    desk.edit('7f3c', 'skeptic', { score: 55, quote: 'It holds up.' }, 'Ann');
    const view = desk.show('openrouter-model-fusion');
    expect(view.review.status).toBe('draft');
    expect(view.review.reviews[1]).toMatchObject({ score: 55, verdict: 'ship', quote: 'It holds up.' });
    expect(view.state.status).toBe('draft');
    expect(view.personas.map((each) => [each.persona, each.name, each.edited?.by ?? null])).toEqual([
      ['builder', 'Builder', null],
      ['skeptic', 'Skeptic', 'Ann'],
      ['futurist', 'Futurist', null],
      ['creator', 'Creator', null],
    ]);
    expect(view.personas[1]?.modelOriginal).toMatchObject({ score: 40, verdict: 'skip', quote: 'Fusion hides which model was wrong.' });
    expect(view.personas[0]?.modelOriginal).toEqual(view.personas[0]?.current);
    expect(view.history).toEqual(desk.history(sampleReview().id));
  });

  it('history merges revisions and audit rows, oldest first, with who and when', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    const editedAt = fixture.peek();
    desk.edit('7f3c', 'skeptic', { score: 55, keepQuote: true }, 'Ann');
    const approvedAt = fixture.peek();
    desk.approve('7f3c', 'Bob');
    const history = desk.history('7f3c');
    expect(history.map((entry) => (entry.kind === 'audit' ? `${entry.actor}: ${entry.action}` : `${entry.actor}: ${entry.persona} r${entry.revision} ${entry.source}`))).toEqual([
      'engine: builder r1 model',
      'engine: skeptic r1 model',
      'engine: futurist r1 model',
      'engine: creator r1 model',
      'engine: created draft',
      'Ann: skeptic r2 editor',
      'Ann: edited',
      'Bob: approved',
    ]);
    expect(history.slice(5).map((entry) => entry.at)).toEqual([editedAt, editedAt, approvedAt]);
    const times = history.map((entry) => entry.at);
    expect([...times].sort()).toEqual(times);
  });
});
