/**
 * Errors are mapped by kind, in one table per boundary: every kind has an exit code and an
 * HTTP status, each error class carries its kind, the editor's page answers with the table's
 * status for an error of each kind, and no code picks a status or exit code from an error's
 * wording.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BatchLockedError } from '../../src/batch/index.js';
import { errorExitCode, EXIT_CODES } from '../../src/cli/error-line.js';
import { assembleEngine } from '../../src/engine/index.js';
import { createEditorApp } from '../../src/editor/app.js';
import { DeskError, HTTP_STATUS, RegenerationError, StaleRevisionError, type Desk } from '../../src/editor/index.js';
import {
  ERROR_KINDS, IntakeError, InvalidAnswerError, PanelError, PROVIDER_ERROR_KINDS, ProviderError, USAGE_ERROR_KINDS, UsageError, errorKind,
  type ErrorKind,
} from '../../src/errors.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { DatabaseError } from '../../src/store/index.js';
import { draftId, tenDrafts, webBench, type WebBench } from '../editor-web/web-fixtures.js';

let context: ReviewContext;
let bench: WebBench | undefined;
beforeAll(async () => {
  context = await loadReviewContext();
});
afterEach(() => {
  bench?.cleanup();
  bench = undefined;
});

const BAD_INPUT: readonly ErrorKind[] = [...USAGE_ERROR_KINDS, 'intake-refused'];

/** An error of each kind, built the way the code that throws it builds it. */
function errorOf(kind: ErrorKind): unknown {
  if ((USAGE_ERROR_KINDS as readonly string[]).includes(kind)) return new UsageError(`refused: ${kind}`, { kind: kind as (typeof USAGE_ERROR_KINDS)[number] });
  if ((PROVIDER_ERROR_KINDS as readonly string[]).includes(kind)) return new ProviderError(`provider said: ${kind}`, { kind: kind as (typeof PROVIDER_ERROR_KINDS)[number] });
  switch (kind) {
    case 'intake-refused': return new IntakeError('refusing to fetch', { badInput: true });
    case 'intake-failed': return new IntakeError('cannot fetch');
    case 'stale': return new StaleRevisionError('review moved on', 1, 2);
    case 'regeneration-failed': return new RegenerationError('regenerating failed', 'failed-kept', undefined);
    case 'database': return new DatabaseError('the database is full', 'full', 'SQLITE_FULL');
    case 'batch-locked': return new BatchLockedError('another batch runs', { source: 's', token: 't', pid: 1, hostname: 'h', acquiredAt: '', heartbeatAt: '' });
    case 'unexpected': return new TypeError('a bug');
    default: return new PanelError(`failed: ${kind}`, { kind });
  }
}

describe('error kinds', () => {
  it('every kind has one exit code and one HTTP status, and nothing else does', () => {
    expect(Object.keys(EXIT_CODES).sort()).toEqual([...ERROR_KINDS].sort());
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_KINDS].sort());
  });

  it.each(ERROR_KINDS)('%s: its error carries it; exit 2 only for bad usage or input', (kind) => {
    const error = errorOf(kind);
    expect(errorKind(error)).toBe(kind);
    expect(errorExitCode(error)).toBe(BAD_INPUT.includes(kind) ? 2 : 1);
    const status = HTTP_STATUS[kind];
    if (BAD_INPUT.includes(kind)) expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeGreaterThanOrEqual(BAD_INPUT.includes(kind) || kind === 'stale' || kind === 'batch-locked' ? 400 : 500);
  });

  it('the classes keep their kinds: desk refusals, the re-asked answer, the database', () => {
    expect(new DeskError('not-found', 'x').kind).toBe('not-found');
    expect(new DeskError('conflict', 'x').kind).toBe('conflict');
    expect(new InvalidAnswerError('x', '{}', []).kind).toBe('invalid-answer');
    expect(HTTP_STATUS['not-found']).toBe(404);
    expect(HTTP_STATUS.conflict).toBe(409);
    expect(HTTP_STATUS.stale).toBe(409);
    expect(HTTP_STATUS.usage).toBe(400);
    expect(HTTP_STATUS.database).toBe(503);
  });

  it.each(ERROR_KINDS)('%s: the editor page answers with the table status', async (kind) => {
    bench = webBench(context, tenDrafts().slice(0, 1), { env: { EDITOR_NAME: 'Ann' } });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const broken: Desk = { ...bench.desk, show: () => { throw errorOf(kind); } };
      const app = createEditorApp({ desk: broken, engine: assembleEngine(bench.config, context, { store: bench.store }) });
      const response = await app.request(`/reviews/${draftId(0)}`);
      expect(response.status).toBe(HTTP_STATUS[kind]);
      const body = await response.text();
      // A bug's message stays in the log; an error of ours is shown as its one line.
      if (kind === 'failed' || kind === 'unexpected') expect(body).toContain('the desk hit an unexpected error');
      else expect(body).toContain((errorOf(kind) as Error).message);
    } finally {
      log.mockRestore();
    }
  });

  it('no source file chooses a status or an exit code from an error message', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) files.push(full);
      }
    };
    walk(path.join(PROJECT_ROOT, 'src'));
    const wording = /\.message\.(startsWith|endsWith|includes|match|replace|search)\(|\.test\((error|err|e)\.message\)/;
    const offenders = files.filter((file) => wording.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(PROJECT_ROOT, file));
    expect(offenders).toEqual([]);
  });
});
