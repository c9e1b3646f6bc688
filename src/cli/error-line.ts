/**
 * The CLI's one error printer: any error, from any stage, becomes one line on stderr with
 * secrets masked, control characters removed and echoed input cut to size. The stack trace
 * is shown only with PANEL_DEBUG=1, for a developer chasing a bug.
 */
import { debugEnabled, secretsOf } from '../config.js';
import { PanelError, describeError } from '../errors.js';
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

/** The exit code for an error: its own for ours (1 or 2), 1 for anything unexpected. */
export function errorExitCode(error: unknown): 1 | 2 {
  return error instanceof PanelError ? error.exitCode : 1;
}
