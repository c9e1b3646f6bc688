/**
 * The providers' documented batch objects and result lines (fixtures/recorded/providers/batch/,
 * sources in ../SOURCES.md) through the real SDKs and our batch adapters, nock in place of the
 * network: status mapping, each result line through the online mapper, per-item errors, and
 * requests that never ran.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../../src/providers/anthropic/index.js';
import { createGoogleModel } from '../../src/providers/google/index.js';
import { createOpenAIModel } from '../../src/providers/openai/index.js';
import type { BatchItemOutcome } from '../../src/providers/batch-api.js';
import { PersonaAnswer } from '../../src/schemas.js';
import { JSON_HEADERS, keyedSettings, useNock } from '../providers/support.js';

const file = (name: string): string =>
  readFileSync(new URL(`../../fixtures/recorded/providers/batch/${name}`, import.meta.url), 'utf8');
const json = (name: string): Record<string, unknown> => JSON.parse(file(name)) as Record<string, unknown>;

const byId = (outcomes: BatchItemOutcome[], id: string): BatchItemOutcome => {
  const outcome = outcomes.find((entry) => entry.customId === id);
  if (outcome === undefined) throw new Error(`no outcome for ${id}`);
  return outcome;
};

describe('recorded batch shapes', () => {
  useNock();

  it('OpenAI: a completed batch object, its output line and an expired line from the error file', async () => {
    const base = 'https://api.openai.com';
    nock(base).get('/v1/batches/batch_abc123').times(2).reply(200, json('openai-batch-object.json'), JSON_HEADERS);
    nock(base).get('/v1/files/file-cvaTdG/content').reply(200, file('openai-batch-output.jsonl'));
    nock(base).get('/v1/files/file-HOWS94/content').reply(200, file('openai-batch-errors.jsonl'));
    const model = createOpenAIModel({ provider: 'openai', modelId: 'gpt-4o-mini', settings: keyedSettings('OPENAI_API_KEY', `${base}/v1`) });

    expect(await model.batch!.status('batch_abc123')).toEqual({
      state: 'ended',
      raw: 'completed',
      counts: { total: 100, succeeded: 95, failed: 5 },
    });
    const outcomes = await model.batch!.results('batch_abc123');
    const answered = byId(outcomes, 'request-2');
    if (!answered.ok) throw answered.error;
    expect(PersonaAnswer.parse(JSON.parse(answered.result.text)).verdict).toBe('ship');
    expect(answered.result).toMatchObject({
      usage: { inputTokens: 24, outputTokens: 15, cachedInputTokens: 0 },
      finishReason: { unified: 'stop', raw: 'stop' },
      responseId: 'chatcmpl-9758Iw',
      batch: true,
    });
    expect(byId(outcomes, 'request-3')).toMatchObject({ ok: false, notRun: true });
  });

  it('Anthropic: an ended batch and its succeeded, errored and expired lines', async () => {
    const base = 'https://api.anthropic.com';
    const id = 'msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d';
    // Ours and the SDK's own retrieve (it reads results_url from it).
    nock(base).get(`/v1/messages/batches/${id}`).times(3).reply(200, json('anthropic-batch-object.json'), JSON_HEADERS);
    nock(base).get(`/v1/messages/batches/${id}/results`).reply(200, file('anthropic-batch-results.jsonl'));
    const model = createAnthropicModel({ modelId: 'claude-sonnet-4-20250514', settings: keyedSettings('ANTHROPIC_API_KEY', base) });

    expect(await model.batch!.status(id)).toEqual({ state: 'ended', raw: 'ended', counts: { total: 3, succeeded: 1, failed: 1 } });
    const outcomes = await model.batch!.results(id);
    const answered = byId(outcomes, 'my-custom-id-1');
    if (!answered.ok) throw answered.error;
    expect(PersonaAnswer.parse(JSON.parse(answered.result.text)).score).toBe(72);
    expect(answered.result).toMatchObject({
      usage: { inputTokens: 2095, outputTokens: 503 },
      finishReason: { unified: 'stop', raw: 'end_turn' },
      responseId: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      batch: true,
    });
    const errored = byId(outcomes, 'my-custom-id-2');
    expect(errored).toMatchObject({ ok: false, notRun: false });
    if (errored.ok) throw new Error('expected an error');
    expect(errored.error).toMatchObject({ kind: 'bad-request', status: 400, retryable: false });
    expect(byId(outcomes, 'my-custom-id-3')).toMatchObject({ ok: false, notRun: true });
  });

  it('Gemini: a succeeded batch operation with an inlined response and an inlined error', async () => {
    const base = 'https://generativelanguage.googleapis.com';
    const name = 'batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp';
    nock(base).get(`/v1beta/${name}`).times(2).reply(200, json('gemini-batch-operation.json'), JSON_HEADERS);
    const model = createGoogleModel({ modelId: 'gemini-2.5-flash', settings: keyedSettings('GEMINI_API_KEY', base) });

    expect(await model.batch!.status(name)).toEqual({ state: 'ended', raw: 'JOB_STATE_SUCCEEDED' });
    const outcomes = await model.batch!.results(name, undefined, ['p-1', 'p-2', 'p-3']);
    const answered = byId(outcomes, 'p-1');
    if (!answered.ok) throw answered.error;
    expect(PersonaAnswer.parse(JSON.parse(answered.result.text)).score).toBe(88);
    expect(answered.result).toMatchObject({ finishReason: { unified: 'stop', raw: 'STOP' }, batch: true });
    expect(answered.result.usage.reasoningTokens).toBeGreaterThan(0);
    const failed = byId(outcomes, 'p-2');
    if (failed.ok) throw new Error('expected an error');
    expect(failed.error).toMatchObject({ kind: 'bad-request', status: 400 });
    // Submitted but absent from the output: never ran.
    expect(byId(outcomes, 'p-3')).toMatchObject({ ok: false, notRun: true });
  });
});
