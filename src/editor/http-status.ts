/**
 * The one place an error becomes an HTTP status on the editor's web page: by its kind, never
 * its wording. Every kind has a row (the compiler checks it); `app.ts`'s `onError` uses it.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorKind, type ErrorKind } from '../errors.js';

export const HTTP_STATUS: Readonly<Record<ErrorKind, ContentfulStatusCode>> = {
  usage: 400,
  'not-found': 404,
  conflict: 409,
  'missing-editor': 400,
  'intake-refused': 400,
  'intake-failed': 502,
  auth: 502,
  'rate-limit': 503,
  overloaded: 503,
  timeout: 504,
  network: 502,
  'bad-request': 502,
  refusal: 502,
  length: 502,
  'invalid-answer': 502,
  stale: 409,
  'regeneration-failed': 502,
  database: 503,
  'schema-behind': 503,
  'batch-locked': 409,
  failed: 500,
  unexpected: 500,
};

/** Kinds whose message is a bug's, not a sentence for the editor: the page only says so. */
const UNEXPLAINED: ReadonlySet<ErrorKind> = new Set(['failed', 'unexpected']);

/** The status for `error`, and whether its own message may be shown on the page. */
export function httpStatusOf(error: unknown): { status: ContentfulStatusCode; showMessage: boolean } {
  const kind = errorKind(error);
  return { status: HTTP_STATUS[kind], showMessage: !UNEXPLAINED.has(kind) };
}
