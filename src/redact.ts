/**
 * Secrets out of every line we print. One function for config errors and the CLI's error
 * printer, so a key pasted into the wrong variable, credentials in a URL or a token in a query
 * string never reach a terminal or a log, whichever stage wrote the message.
 */

const MASK = '***';

/** Values shorter than this are not treated as secrets (they would mask ordinary words). */
const MIN_SECRET_CHARS = 8;

/** Environment variables whose values are secrets: keys, tokens, passwords. */
export const SECRET_VARIABLE = /(^|_)(API_KEY|KEY|TOKEN|SECRET|PASSWORD|PASS)$/i;

// `scheme://user:password@host`: the userinfo goes, the host stays (it is what the reader needs).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;
// `?api_key=…`, `&access_token=…`, `&sig=…`: the value goes, the parameter name stays.
const SECRET_PARAM = /([?&;][^=&\s#]*(?:key|token|secret|sig|signature|password|passwd|auth|credential)[^=&\s#]*=)[^&\s#"'<>]+/gi;
// `Authorization: Bearer …`, `Basic …`.
const AUTH_SCHEME = /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g;
// Well-known key shapes: OpenAI/Anthropic/OpenRouter `sk-…`, Google `AIza…`, GitHub, Slack.
const KEY_SHAPES = /\b(sk-(?:ant-|proj-|or-)?|AIza|gh[pousr]_|github_pat_|xox[abprs]-)[A-Za-z0-9_-]{8,}/g;

/** The text with secrets masked: URL userinfo, secret-looking query values, key shapes, and `known` values. */
export function redactSecrets(text: string, known: Iterable<string | undefined> = []): string {
  let out = text;
  // Longest first, so a secret that contains another is masked whole.
  const values = [...new Set([...known].filter((value): value is string => value != null && value.length >= MIN_SECRET_CHARS))].sort(
    (a, b) => b.length - a.length,
  );
  for (const value of values) out = out.split(value).join(MASK);
  return out
    .replace(URL_USERINFO, `$1${MASK}@`)
    .replace(SECRET_PARAM, `$1${MASK}`)
    .replace(AUTH_SCHEME, `$1 ${MASK}`)
    .replace(KEY_SHAPES, `$1${MASK}`);
}

/** The secret values of an environment: every variable named like a key, token or password. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_VARIABLE.test(name) && value != null)
    .map(([, value]) => (value as string).trim());
}
