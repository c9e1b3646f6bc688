/**
 * The wait a server asks for before the next attempt, read from response headers. Shared by the
 * adapters whose SDK errors carry headers (OpenAI-compatible and Anthropic). The value is
 * returned uncapped: the retry loop applies `retryAfterCapMs`.
 * @see https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Retry-After
 */

/** `Headers` or anything with the same `get`. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * Milliseconds to wait, from `retry-after-ms` (milliseconds, a non-standard header both Stainless
 * SDKs honour first) or `retry-after` (delay in seconds or an HTTP date). Undefined when neither
 * header is present or parseable; a date in the past gives 0.
 */
export function parseRetryAfterMs(
  headers: HeaderReader | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (headers == null) return undefined;

  const milliseconds = parseNonNegativeNumber(headers.get('retry-after-ms'));
  if (milliseconds != null) return Math.ceil(milliseconds);

  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = parseNonNegativeNumber(raw);
  if (seconds != null) return Math.ceil(seconds * 1000);
  // `Date.parse('-5')` is a date in year -5, so only text that looks like an HTTP date is tried.
  const date = /[a-z]/i.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseNonNegativeNumber(raw: string | null | undefined): number | undefined {
  const text = raw?.trim();
  // `Number('')` is 0 and `parseFloat('1 Jan')` is 1, so insist on a plain decimal number.
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
