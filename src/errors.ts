import type { TokenUsage } from './providers/token-usage.js';

/**
 * Errors are data: each carries what its catcher needs (exit code, retryability, the raw answer).
 * `cli/main.ts` is the one place that turns them into a line on stderr and an exit code.
 */

/** Base class. `exitCode` follows the spec: 1 the work failed, 2 bad usage or bad input. */
export class PanelError extends Error {
  readonly exitCode: 1 | 2;
  constructor(message: string, options: { cause?: unknown; exitCode?: 1 | 2 } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Bad usage or bad input: unknown flag, malformed URL, unreadable file, unknown persona. */
export class UsageError extends PanelError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

/** The target could not be fetched or read (network, 404, non-HTML body, size cap). */
export class IntakeError extends PanelError {
  // A refused address or an unsupported scheme is bad input (2); a failed fetch is 1.
  constructor(message: string, options: { cause?: unknown; badInput?: boolean } = {}) {
    super(message, { cause: options.cause, exitCode: options.badInput ? 2 : 1 });
  }
}

export type ProviderErrorKind =
  | 'auth' // bad or missing key: never retried
  | 'rate-limit' // 429
  | 'overloaded' // 5xx, 529
  | 'timeout'
  | 'network' // reset, refused, DNS
  | 'bad-request' // other 4xx: our request or a setting is wrong
  | 'refusal' // the model declined or a safety filter stopped it
  | 'length' // the output limit was hit before the answer was complete
  | 'invalid-answer'; // the answer failed validation after every re-ask

/** A provider call failed. Adapters build these in their `errors.ts`. */
export class ProviderError extends PanelError {
  readonly kind: ProviderErrorKind;
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
    super(message, { cause: options.cause });
    this.kind = options.kind;
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
