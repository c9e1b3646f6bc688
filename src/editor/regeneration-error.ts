/**
 * Its own file so the desk's public entry can export it without loading the regeneration path
 * (panel, intake, providers), which `drafts list` never runs.
 */
import { PanelError } from '../errors.js';
import type { Review } from '../schemas.js';

/**
 * A regeneration that did not give the persona a new answer. The CLI exits 1. `review` is the
 * review after what was recorded (the failure revision, the usage, the audit row).
 */
export class RegenerationError extends PanelError {
  constructor(
    message: string,
    readonly outcome: 'failed-recorded' | 'failed-kept' | 'discarded',
    readonly review: Review | undefined,
  ) {
    super(message, { kind: 'regeneration-failed' });
  }
}
