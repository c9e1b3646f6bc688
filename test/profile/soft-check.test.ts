/** askStructured's soft check (used by the profile's quality rules): re-asked, then accepted with the issues. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { askStructured } from '../../src/providers/index.js';
import { fakeModel } from '../helpers/fake-model.js';

const base = {
  system: 'instructions',
  messages: [{ role: 'user' as const, parts: [{ text: 'write it' }] }],
  temperature: 0.2,
  maxOutputTokens: 500,
  timeoutMs: 1000,
};
const Shape = z.object({ word: z.string() });
const options = {
  schema: Shape,
  name: 'shape',
  description: 'a word',
  check: (value: z.infer<typeof Shape>) => (value.word === 'bad' ? ['word: "bad" is not allowed'] : []),
  softCheck: (value: z.infer<typeof Shape>) => (value.word.length > 5 ? [`word: ${value.word.length} letters; at most 5`] : []),
  retry: { maxRetries: 0, retryAfterCapMs: 10 },
};
const word = (text: string) => JSON.stringify({ word: text });

describe('askStructured softCheck', () => {
  it('returns no soft issues for an answer that passes', async () => {
    const result = await askStructured(fakeModel('openai:m', [word('short')]), base, options);
    expect(result).toMatchObject({ ok: true, value: { word: 'short' }, calls: 1, softIssues: [] });
  });

  it('re-asks a soft issue like any other, and takes the fixed answer', async () => {
    const model = fakeModel('openai:m', [word('lengthy'), word('brief')]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: true, value: { word: 'brief' }, calls: 2, softIssues: [] });
    expect(model.requests[1]?.messages[2]?.parts[0]?.text).toContain('word: 7 letters; at most 5');
  });

  it('accepts the answer with its soft issues once the soft re-asks are spent', async () => {
    const model = fakeModel('openai:m', [word('lengthy')]);
    const result = await askStructured(model, base, { ...options, maxSoftReasks: 1 });
    expect(result).toMatchObject({ ok: true, value: { word: 'lengthy' }, calls: 2, softIssues: ['word: 7 letters; at most 5'] });
  });

  it('spends at most maxReasks in all', async () => {
    const model = fakeModel('openai:m', [word('lengthy')]);
    const result = await askStructured(model, base, { ...options, maxReasks: 2 });
    expect(result).toMatchObject({ ok: true, calls: 3, softIssues: ['word: 7 letters; at most 5'] });
  });

  it('falls back to the last answer that passed the hard rules when a re-ask breaks one', async () => {
    const model = fakeModel('openai:m', [word('lengthy'), word('bad'), '{oops']);
    const result = await askStructured(model, base, { ...options, maxReasks: 2 });
    expect(result).toMatchObject({ ok: true, value: { word: 'lengthy' }, calls: 3, softIssues: ['word: 7 letters; at most 5'] });
  });

  it('still fails when no answer ever passed the hard rules', async () => {
    const result = await askStructured(fakeModel('openai:m', [word('bad')]), base, { ...options, maxReasks: 1 });
    expect(result.ok).toBe(false);
    expect(result.calls).toBe(2);
  });
});
