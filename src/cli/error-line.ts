/**
 * The CLI's one error printer: any error, from any stage, becomes one line on stderr with
 * secrets masked, control characters removed and echoed input cut to size. The stack trace
 * is shown only with PANEL_DEBUG=1, for a developer chasing a bug.
 */
import { debugEnabled, secretsOf } from '../config.js';
import { PanelError, describeError, errorKind, type ErrorKind } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { terminalBlock, terminalLine, truncateEchoes } from '../terminal-text.js';

type Env = Record<string, string | undefined>;

/** What goes to stderr for `error`, newline-terminated: one line, plus the stack when debugging. */
export function errorText(error: unknown, env?: Env): string {
  const secrets = secretsOf(env);
  const clean = (text: string) => redactSecrets(text, secrets);
  let message = terminalLine(describeError(error)).trim() || 'unknown error';
  // An error we did not expect is a bug: say so, still in one line, still exit 1.
  if (!(error instanceof PanelError)) {
    const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
    message = `unexpected ${name}${message}`;
  }
  let text = `error: ${truncateEchoes(clean(message))}\n`;
  if (debugEnabled(env) && error instanceof Error && error.stack) text += `${clean(terminalBlock(error.stack))}\n`;
  return text;
}

/**
 * The one place an error becomes an exit code, by its kind: 2 bad usage or input (the caller
 * can fix the command), 1 the work failed. Every kind has a row (the compiler checks it).
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, 1 | 2>> = {
  usage: 2,
  'not-found': 2,
  conflict: 2,
  'missing-editor': 2,
  'intake-refused': 2,
  'intake-failed': 1,
  auth: 1,
  'rate-limit': 1,
  overloaded: 1,
  timeout: 1,
  network: 1,
  'bad-request': 1,
  refusal: 1,
  length: 1,
  'invalid-answer': 1,
  // Someone else changed the review first: the work was refused, not the input.
  stale: 1,
  'regeneration-failed': 1,
  database: 1,
  'schema-behind': 1,
  'batch-locked': 1,
  failed: 1,
  unexpected: 1,
};

export function errorExitCode(error: unknown): 1 | 2 {
  return EXIT_CODES[errorKind(error)];
}
