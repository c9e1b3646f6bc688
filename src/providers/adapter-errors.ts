/**
 * Error mapping every adapter (openai, anthropic, google) shares, kept in one place so their
 * messages and retryability cannot drift apart: the `<provider> <model>` prefix, key redaction,
 * the order in which a failure is read, and the status → ProviderError table. Each adapter's
 * `errors.ts` says how its own SDK's errors read (an `SdkErrorReader`) and states its vendor's
 * quirks (OpenAI's exhausted quota, Anthropic's 529, Gemini's 400 for a bad key) as options.
 * Messages are one line and never carry the key or request headers.
 */
import type { ProviderName, ProviderSettings } from '../config.js';
import { ProviderError, type ProviderErrorKind } from '../errors.js';

/** Which model of which provider: enough to name it in a message and to redact its key. */
export interface AdapterIdentity {
  provider: ProviderName;
  modelId: string;
  settings: ProviderSettings;
}

/** What the error mapping knows about the call that failed. */
export interface CallContext extends AdapterIdentity {
  /** The caller's signal fired: not retried, the caller has given up. */
  aborted: boolean;
  /** Our per-attempt deadline fired (it also covers reading the body, which the SDKs' do not). */
  timedOut: boolean;
}

/** `<provider> <model>`, the prefix of every message, so a panel's errors say which call failed. */
export function label(identity: Pick<AdapterIdentity, 'provider' | 'modelId'>): string {
  return `${identity.provider} ${identity.modelId}`;
}

/** One short line, with the key masked in case the provider quoted it. */
export function oneLine(text: string, apiKey: string | undefined, max = 300): string {
  let line = text.replace(/\s+/g, ' ').trim();
  // A shorter "key" would mask ordinary words.
  if (apiKey && apiKey.length >= 4) line = line.split(apiKey).join('[key]');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * An exception nobody mapped (a bug, a shape no adapter expected) as one line naming its class,
 * for a persona's recorded failure or the profile's error instead of a crash.
 */
export function unexpectedErrorLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `unexpected error (${oneLine(text, undefined, 200)})`;
}

/** Thrown before any request, so a missing key costs nothing and names the variable to set. */
export function missingKeyError(identity: AdapterIdentity): ProviderError {
  const variable = identity.settings.keyVariable;
  return new ProviderError(`${label(identity)}: no API key (${variable} is not set)`, {
    kind: 'auth',
    retryable: false,
    hint: `set ${variable}`,
  });
}

/** For failures only the account's owner can fix by paying, whichever status carries them. */
export function billingHint(settings: ProviderSettings): string {
  return `check the billing of the account behind ${settings.keyVariable}`;
}

/** How one SDK's errors read; each adapter's `errors.ts` supplies one. */
export interface SdkErrorReader {
  /** The host named in "cannot reach …" when settings name no base URL. */
  defaultBaseUrl: string | undefined;
  /** A timeout: ours (`context.timedOut`) or one the SDK reports in its own way. */
  timedOut(error: unknown, context: CallContext): boolean;
  /** A failed response, mapped (see `errorFromStatus`); undefined when there was none. */
  fromResponse(error: unknown, context: CallContext): ProviderError | undefined;
  /** The connection failed before any answer. */
  unreachable(error: unknown): boolean;
}

/**
 * Any failure → ProviderError. The order matters: an error already mapped stays as it is, and
 * the caller's abort wins over our deadline (the abort is not retried, the timeout is).
 */
export function toProviderError(
  error: unknown,
  context: CallContext,
  sdk: SdkErrorReader,
): ProviderError {
  if (error instanceof ProviderError) return error;
  const prefix = label(context);
  if (context.aborted) {
    return new ProviderError(`${prefix}: request aborted`, {
      kind: 'timeout',
      retryable: false,
      cause: error,
    });
  }
  if (sdk.timedOut(error, context)) {
    return new ProviderError(`${prefix}: no answer within the call timeout`, {
      kind: 'timeout',
      cause: error,
    });
  }
  if (httpLayerTimedOut(error)) {
    return new ProviderError(`${prefix}: no answer within the call timeout`, {
      kind: 'timeout',
      cause: error,
    });
  }
  const fromResponse = sdk.fromResponse(error, context);
  if (fromResponse) return fromResponse;
  const connection = connectionFailure(error);
  if (sdk.unreachable(error) || connection != null) return unreachableError(error, context, sdk, connection);
  const text = error instanceof Error ? error.message : String(error);
  const network = isBrokenFetch(error);
  return new ProviderError(`${prefix}: ${oneLine(text, context.settings.apiKey)}`, {
    kind: network ? 'network' : 'bad-request',
    retryable: network,
    cause: error,
  });
}

/**
 * "Cannot reach" names what to fix: the URL tried (credentials, query and fragment dropped),
 * the variable that sets it, and what went wrong when the system said.
 */
function unreachableError(
  error: unknown,
  context: CallContext,
  sdk: SdkErrorReader,
  connection: string | undefined,
): ProviderError {
  const variable = context.settings.baseUrlVariable;
  const url = displayUrl(context.settings.baseUrl ?? sdk.defaultBaseUrl);
  const why = connection ? ` (${connection})` : '';
  return new ProviderError(`${label(context)}: cannot reach ${url}${why}; check ${variable}`, {
    kind: 'network',
    hint: `check that ${variable} is the server's URL and that the server is running`,
    cause: error,
  });
}

/** The system error codes along a fetch failure's `cause` chain, outermost first. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current != null && depth < 6; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Node's fetch's own headers or body timeout (see `http-timeouts.ts`). */
function httpLayerTimedOut(error: unknown): boolean {
  return errorCodes(error).some((code) => code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT');
}

const CONNECTION_FAILURES: ReadonlyArray<[RegExp, string]> = [
  [/^ECONNREFUSED$/, 'connection refused'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, 'host not found'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'connection reset'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT)$/, 'connect timed out'],
  [/^(EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/, 'no route to host'],
  [/^(EPROTO|ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/, 'TLS failed'],
];

/** What the system said about a failed connection, e.g. "connection refused (ECONNREFUSED)". */
function connectionFailure(error: unknown): string | undefined {
  for (const code of errorCodes(error)) {
    const match = CONNECTION_FAILURES.find(([pattern]) => pattern.test(code));
    if (match) return `${match[1]}, ${code}`;
  }
  return undefined;
}

/** A body that broke off mid-read surfaces as a bare TypeError from fetch, with no status. */
function isBrokenFetch(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return error instanceof TypeError && /fetch failed|terminated|socket|network/i.test(text);
}

/** The URL as a message may show it; a missing or malformed one must not hide the failure. */
function displayUrl(baseUrl: string | undefined): string {
  if (!baseUrl) return "the provider's default URL";
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return 'the configured URL (not a valid URL)';
  }
}

/** What an adapter read from a failed response, and the vendor quirks that change the default. */
export interface StatusFacts {
  /** The provider's own explanation, unredacted: it is shortened and key-masked here. */
  message?: string | undefined;
  /** The wait the server asked for; kept only for the statuses worth waiting on. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
  /** The provider rejected the key under another status (Gemini: 400 API_KEY_INVALID). */
  keyRejected?: boolean;
  /** Replaces the default reason, e.g. "quota exhausted" for OpenAI's unretryable 429. */
  reason?: string;
  hint?: string;
  retryable?: boolean;
}

interface StatusRule {
  kind: ProviderErrorKind;
  reason: string;
  /** Whether the provider's message is appended: left out where it adds nothing or may leak. */
  detail: boolean;
  /** Whether a server-requested wait applies. */
  waits: boolean;
  hint?: string | undefined;
}

function ruleFor(status: number, keyRejected: boolean, identity: AdapterIdentity): StatusRule {
  const variable = identity.settings.keyVariable;
  if (status === 401 || keyRejected) {
    // The provider's text is left out: OpenAI's echoes part of the rejected key.
    const hint = `set ${variable} to a valid key`;
    return { kind: 'auth', reason: `the key in ${variable} was rejected`, detail: false, waits: false, hint };
  }
  if (status === 403) {
    const hint = `check that the key in ${variable} may use ${identity.modelId}`;
    return { kind: 'auth', reason: 'permission denied', detail: true, waits: false, hint };
  }
  if (status === 429) return { kind: 'rate-limit', reason: 'rate limited', detail: false, waits: true };
  if (status === 408) return { kind: 'timeout', reason: 'the server timed out', detail: false, waits: true };
  if (status >= 500) {
    return { kind: 'overloaded', reason: 'server error or overloaded', detail: true, waits: true };
  }
  const hint = status === 404 ? 'check the model name' : undefined;
  return { kind: 'bad-request', reason: 'request rejected', detail: true, waits: false, hint };
}

/** HTTP status → ProviderError, as `<provider> <model>: <reason> (<status>)[: <provider's text>]`. */
export function errorFromStatus(
  status: number,
  identity: AdapterIdentity,
  facts: StatusFacts,
): ProviderError {
  const rule = ruleFor(status, facts.keyRejected === true, identity);
  const detail =
    rule.detail && facts.message ? `: ${oneLine(facts.message, identity.settings.apiKey)}` : '';
  return new ProviderError(`${label(identity)}: ${facts.reason ?? rule.reason} (${status})${detail}`, {
    kind: rule.kind,
    status,
    // Unset means the kind decides (auth and bad-request are never retried).
    retryable: facts.retryable,
    retryAfterMs: rule.waits ? facts.retryAfterMs : undefined,
    hint: facts.hint ?? rule.hint,
    cause: facts.cause,
  });
}
