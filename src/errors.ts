import type { TokenUsage } from './providers/token-usage.js';

/**
 * Errors are data: each carries a `kind` saying what went wrong, never to be guessed from its
 * wording, and what its catcher needs (retryability, the raw answer, the usage spent). The CLI
 * maps kinds to exit codes in one table (`cli/error-line.ts`), the editor's web page to HTTP
 * statuses in another (`editor/http-status.ts`).
 */

/** Bad usage or input (exit 2): the caller can fix it and try again. */
export const USAGE_ERROR_KINDS = [
  'usage', // a flag, an argument, a form field, a file, an unknown persona or provider
  'not-found', // no such review, tool or comparison
  'conflict', // the thing is not in a state that allows the action (not a draft, incomplete)
  'missing-editor', // the action needs an editor's name and none was given
] as const;
export type UsageErrorKind = (typeof USAGE_ERROR_KINDS)[number];

export const PROVIDER_ERROR_KINDS = [
  'auth', // bad or missing key: never retried
  'rate-limit', // 429
  'overloaded', // 5xx, 529
  'timeout',
  'network', // reset, refused, DNS
  'bad-request', // other 4xx: our request or a setting is wrong
  'refusal', // the model declined or a safety filter stopped it
  'length', // the output limit was hit before the answer was complete
  'invalid-answer', // the answer failed validation after every re-ask
] as const;
export type ProviderErrorKind = (typeof PROVIDER_ERROR_KINDS)[number];

/** Every kind an error can have: ours, plus `unexpected` for anything else (a bug). */
export const ERROR_KINDS = [
  ...USAGE_ERROR_KINDS,
  'intake-refused', // a refused address or an unsupported scheme: bad input
  'intake-failed', // the page could not be fetched or read
  ...PROVIDER_ERROR_KINDS,
  'stale', // the action named a revision the review has since moved past
  'regeneration-failed', // a persona's model gave no new answer (what it spent is recorded)
  'database', // the database cannot be used as needed (full, read-only, corrupt)
  'schema-behind', // the database's schema is older than this engine's
  'batch-locked', // another batch of the same source is running
  'failed', // our work failed for another reason (a vanished row, a lost race)
  'unexpected', // not one of our errors: a bug
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Base class; `kind` defaults to `failed` (the work failed). */
export class PanelError extends Error {
  readonly kind: ErrorKind;
  constructor(message: string, options: { cause?: unknown; kind?: ErrorKind } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.kind = options.kind ?? 'failed';
  }
}

/** The kind of anything thrown: its own for ours, `unexpected` for anything else. */
export function errorKind(error: unknown): ErrorKind {
  return error instanceof PanelError ? error.kind : 'unexpected';
}

/** Bad usage or bad input: unknown flag, malformed URL, unreadable file, unknown persona. */
export class UsageError extends PanelError {
  declare readonly kind: UsageErrorKind;
  constructor(message: string, options: { cause?: unknown; kind?: UsageErrorKind } = {}) {
    super(message, { cause: options.cause, kind: options.kind ?? 'usage' });
  }
}

/** The target could not be fetched or read (network, 404, non-HTML body, size cap). */
export class IntakeError extends PanelError {
  declare readonly kind: 'intake-refused' | 'intake-failed';
  // A refused address or an unsupported scheme is bad input; a failed fetch is failed work.
  constructor(message: string, options: { cause?: unknown; badInput?: boolean } = {}) {
    super(message, { cause: options.cause, kind: options.badInput ? 'intake-refused' : 'intake-failed' });
  }
}

/** A provider call failed. Adapters build these in their `errors.ts`. */
export class ProviderError extends PanelError {
  declare readonly kind: ProviderErrorKind;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Server-requested wait (retry-after / retry-after-ms), uncapped; the retry loop caps it. */
  readonly retryAfterMs: number | undefined;
  /** What to fix, e.g. "set OPENAI_API_KEY". */
  readonly hint: string | undefined;
  /** Tokens the provider billed for the failed call (a refusal or a length stop still costs). */
  readonly usage: TokenUsage | undefined;
  /** The provider's own cost for the failed call, when it reports one. */
  readonly providerCostUsd: number | undefined;
  constructor(
    message: string,
    options: {
      kind: ProviderErrorKind;
      status?: number;
      retryable?: boolean;
      retryAfterMs?: number;
      hint?: string;
      cause?: unknown;
      usage?: TokenUsage;
      providerCostUsd?: number;
    },
  ) {
    super(message, { cause: options.cause, kind: options.kind });
    this.status = options.status;
    this.retryable =
      options.retryable ??
      ['rate-limit', 'overloaded', 'timeout', 'network'].includes(options.kind);
    this.retryAfterMs = options.retryAfterMs;
    this.hint = options.hint;
    this.usage = options.usage;
    this.providerCostUsd = options.providerCostUsd;
  }
}

/** Every answer (first try and re-asks) failed validation; keeps what the model said. */
export class InvalidAnswerError extends ProviderError {
  constructor(
    message: string,
    readonly lastText: string,
    readonly issues: string[],
  ) {
    super(message, { kind: 'invalid-answer', retryable: false });
  }
}

/** One line for a human: the message and, when known, what to fix. Never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof ProviderError && error.hint) return `${error.message} (${error.hint})`;
  if (error instanceof Error) return error.message;
  return String(error);
}
