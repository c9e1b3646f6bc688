/**
 * The desk's refusals, typed by what went wrong rather than by their wording, so the web page
 * and the CLI each map them in one place (`httpStatusOf` in app.ts, `exitCode` here).
 *
 * - `not-found`: no such review (HTTP 404, exit 2);
 * - `conflict`: the review is not in a state that allows it — not a draft, incomplete, an
 *   editor's edit in the way (409, exit 2);
 * - `stale`: the action names a revision the review has since moved past: someone else changed
 *   it after this editor looked (409, exit 1 — the work was refused, not the input);
 * - `bad-input`: anything else the editor can fix in the request (400, exit 2).
 */
import { PanelError, UsageError } from '../errors.js';

export type DeskErrorKind = 'not-found' | 'conflict' | 'bad-input';

/** A refusal of bad usage or a wrong state: one line, exit 2. */
export class DeskError extends UsageError {
  constructor(
    readonly kind: DeskErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** The editor acted on revision `given`, the review is at `current`: nothing was written. */
export class StaleRevisionError extends PanelError {
  readonly kind = 'stale' as const;
  constructor(
    message: string,
    readonly given: number,
    readonly current: number,
  ) {
    super(message, { exitCode: 1 });
  }
}

export type DeskRefusalKind = DeskErrorKind | 'stale';

/** The kind of any desk refusal; a plain UsageError (a form field, a flag) is bad input. */
export function refusalKind(error: unknown): DeskRefusalKind | undefined {
  if (error instanceof DeskError || error instanceof StaleRevisionError) return error.kind;
  if (error instanceof UsageError) return 'bad-input';
  return undefined;
}

/** The one HTTP mapping of a desk refusal. */
export const HTTP_STATUS: Record<DeskRefusalKind, 400 | 404 | 409> = {
  'not-found': 404,
  conflict: 409,
  stale: 409,
  'bad-input': 400,
};
