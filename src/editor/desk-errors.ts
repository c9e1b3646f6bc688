/**
 * The desk's refusals, typed by what went wrong rather than by their wording (`ErrorKind` in
 * src/errors.ts), so the web page and the CLI each map them in one table
 * (`editor/http-status.ts`, `cli/error-line.ts`):
 *
 * - `not-found`: no such review (HTTP 404, exit 2);
 * - `conflict`: the review is not in a state that allows it — not a draft, incomplete, an
 *   editor's edit in the way (409, exit 2);
 * - `stale`: the action names a revision the review has since moved past: someone else changed
 *   it after this editor looked (409, exit 1 — the work was refused, not the input);
 * - any other UsageError (a form field, a flag): bad input (400, exit 2).
 */
import { PanelError, UsageError } from '../errors.js';

export type DeskErrorKind = 'not-found' | 'conflict';

/** A refusal of bad usage or a wrong state. */
export class DeskError extends UsageError {
  declare readonly kind: DeskErrorKind;
  constructor(kind: DeskErrorKind, message: string) {
    super(message, { kind });
  }
}

/** The editor acted on revision `given`, the review is at `current`: nothing was written. */
export class StaleRevisionError extends PanelError {
  declare readonly kind: 'stale';
  constructor(
    message: string,
    readonly given: number,
    readonly current: number,
  ) {
    super(message, { kind: 'stale' });
  }
}
