import { describe, expect, it } from 'vitest';
import { buildReport, formatReport } from '../../src/batch/report.js';

describe('batch report', () => {
  it('carries every token kind: cached input, cache writes, output and reasoning', () => {
    const report = buildReport({
      runId: 7,
      source: { location: 'tools.txt', kind: 'list', inSource: 1, duplicates: 0 },
      status: 'done',
      stopReason: null,
      resumed: false,
      items: [],
      usage: { inputTokens: 12_000, outputTokens: 900, cachedInputTokens: 8_000, cacheWriteInputTokens: 3_500, reasoningTokens: 640, costUsd: 0.0123456789 },
      reviewedNow: 1,
      failedNow: 0,
      budgetUsd: null,
      wallMs: 60_000,
      limiter: {},
    });
    expect(report.usage).toMatchObject({ cacheWriteInputTokens: 3_500, reasoningTokens: 640, costUsd: 0.012346 });
    expect(formatReport(report)).toContain('tokens 12,000 in (8,000 cached, 3,500 cache writes) · 900 out (640 reasoning) · cost $0.0123');
  });
});
