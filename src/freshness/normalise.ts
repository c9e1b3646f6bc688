/**
 * The text a source's hash is taken over. A page re-fetched a month later differs in ways no
 * reviewer would call a change: the footer's year, "updated 3 days ago", a star count that
 * grew, a build hash in an asset name, a tracking parameter on a link, a nonce. Each rule here
 * replaces one such volatile part with a fixed placeholder, so only a change in what the page
 * says (wording, prices, features, plans) changes the hash. Rules are deliberately narrow:
 * a number is left alone unless its context says it is a date, a year in a copyright line or
 * a social-proof counter, because "$10/month" → "$12/month" and "up to 10 users" → "20 users"
 * must count.
 *
 * Bump NORMALISER_VERSION whenever a rule changes: stored hashes of another version are not
 * compared as they are (see compare.ts).
 */

export const NORMALISER_VERSION = 1;

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const YEAR = '(?:19|20)\\d\\d';
const DAY = '(?:[0-3]?\\d)(?:st|nd|rd|th)?';

/** Query parameters that say where a visitor came from, or bust a cache; never which page it is. */
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|_ga|_gl|ref|ref_src|source|si|trk)$/i;
const CACHE_PARAM = /^(?:v|ver|cb|_|t|ts|timestamp|cachebust|cache_bust|bust|nocache|rev|hash|build)$/i;
/** Static assets: their whole query string is a cache key. */
const ASSET_PATH = /\.(?:js|mjs|cjs|css|map|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|eot)$/i;
/** `main.3f2a9c1b.js`, `index-BxT3k9aZ.css`: a bundler's content hash before the extension. */
const ASSET_HASH = /([\w-])([.-])(?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{6,32}(\.(?:min\.)?(?:js|mjs|cjs|css|map|png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|eot))\b/g;

/** Words that make the number beside them a counter that grows by itself (not a plan limit: "users", "seats" are left alone). */
const COUNTER = '(?:stars?|stargazers|forks?|watchers|downloads?|installs?|pulls|followers|upvotes?|likes|contributors|commits|sponsors|subscribers|dependents|used by)';
const COUNT = '(\\d{1,3}(?:[,.\\u202f ]\\d{3})+|\\d+(?:\\.\\d+)?)\\s?([kKmMbB])?\\+?';

interface Rule {
  /** What it replaces, for the README and the tests. */
  name: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

/** Half-decade buckets: 1, 3, 10, 30, 100… (the lower bound), so a counter's drift within a bucket is no change. */
export function countBucket(value: number): string {
  if (!Number.isFinite(value) || value < 1) return '<count 0>';
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const lower = value >= 3 * magnitude ? 3 * magnitude : magnitude;
  const label = lower >= 1e9 ? `${lower / 1e9}B` : lower >= 1e6 ? `${lower / 1e6}M` : lower >= 1e3 ? `${lower / 1e3}k` : String(lower);
  return `<count ${label}+>`;
}

function parseCount(digits: string, suffix: string | undefined): number {
  const grouped = /^\d{1,3}(?:[,.\u202f ]\d{3})+$/.test(digits);
  const base = Number(grouped ? digits.replace(/[,.\u202f ]/g, '') : digits);
  const scale = { k: 1e3, m: 1e6, b: 1e9 }[(suffix ?? '').toLowerCase()] ?? 1;
  return base * scale;
}

/** A URL without its tracking and cache-busting parameters, with build hashes in its path replaced. */
export function normaliseUrl(raw: string): string {
  // Sentence punctuation after a URL in prose is not part of it.
  const trailing = /[).,;:!?'"\]]+$/.exec(raw)?.[0] ?? '';
  const text = raw.slice(0, raw.length - trailing.length);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return raw;
  }
  const asset = ASSET_PATH.test(url.pathname);
  for (const key of [...url.searchParams.keys()]) {
    if (asset || TRACKING_PARAM.test(key) || CACHE_PARAM.test(key)) url.searchParams.delete(key);
  }
  url.hash = '';
  const pathname = url.pathname
    .split('/')
    .map((segment) => (looksLikeToken(segment) ? '<token>' : segment))
    .join('/');
  const query = url.searchParams.toString();
  return `${url.protocol}//${url.host}${pathname}${query ? `?${query}` : ''}${trailing}`.replace(ASSET_HASH, '$1$2<hash>$3');
}

/** A path segment or word that is an id, not a word: a build id, a nonce, a session token. */
function looksLikeToken(segment: string): boolean {
  if (/^[0-9a-f]{16,}$/i.test(segment)) return true;
  return segment.length >= 20 && /^[A-Za-z0-9_-]+$/.test(segment) && /\d/.test(segment) && /[a-z]/.test(segment) && /[A-Z]/.test(segment);
}

/**
 * The rules, in the order they run. URLs first (their digits must not look like dates), then
 * tokens, then dates before times (an ISO timestamp is one date), then counters.
 */
const RULES: Rule[] = [
  { name: 'tracking and cache-busting URL parameters, build hashes in URLs', pattern: /\bhttps?:\/\/[^\s<>"'`]+/g, replace: (match) => normaliseUrl(match) },
  { name: 'asset names with a content hash', pattern: ASSET_HASH, replace: '$1$2<hash>$3' },
  { name: 'UUIDs', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, replace: '<uuid>' },
  { name: 'long hex strings (nonces, commit ids, hashes)', pattern: /\b[0-9a-f]{16,}\b/gi, replace: (match) => (/[a-f]/i.test(match) && /\d/.test(match) ? '<hex>' : match) },
  { name: 'nonce-like tokens', pattern: /(?<![\w<-])[A-Za-z0-9_-]{20,}(?![\w>-])/g, replace: (match) => (looksLikeToken(match) ? '<token>' : match) },
  {
    name: 'copyright years',
    pattern: new RegExp(`(©|\\(c\\)|copyright)(\\s*(?:${YEAR}|<date>)(?:\\s*[-–—,/]\\s*(?:${YEAR}|present|now))?)+`, 'gi'),
    replace: (_match, mark: string) => `${mark} <year>`,
  },
  { name: 'years in an "all rights reserved" line', pattern: new RegExp(`\\b${YEAR}\\b(?=[^\\n]*all rights reserved)`, 'gi'), replace: '<year>' },
  {
    name: 'ISO dates and timestamps',
    pattern: new RegExp(`\\b${YEAR}-[01]\\d-[0-3]\\d(?:[T ][0-2]\\d:[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?\\s?(?:Z|UTC|[+-][0-2]\\d:?[0-5]\\d)?)?\\b`, 'g'),
    replace: '<date>',
  },
  { name: 'numeric dates (2025/03/04, 04/03/2025, 04.03.2025)', pattern: new RegExp(`\\b(?:${YEAR}/[01]?\\d/[0-3]?\\d|[0-3]?\\d[/.][01]?\\d[/.]${YEAR})\\b`, 'g'), replace: '<date>' },
  {
    name: 'written dates (March 4, 2025; 4 Mar 2025; March 2025; Mar 4)',
    pattern: new RegExp(`\\b(?:${DAY}\\s+${MONTH},?\\s+${YEAR}|${MONTH}\\s+${DAY},?\\s+${YEAR}|${MONTH},?\\s+${YEAR}|${MONTH}\\s+${DAY}(?=\\s*(?:[,·|•–—-]|$|\\n)))(?![\\w])`, 'gim'),
    replace: '<date>',
  },
  { name: 'clock times', pattern: /\b[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\s?[ap]\.?m\.?)?(?:\s?(?:UTC|GMT|[A-Z][SD]T))?(?![\w:])/gi, replace: '<time>' },
  {
    name: 'relative times ("3 days ago", "updated yesterday")',
    pattern: /\b(?:(?:\d+|a|an|one|two|three|a few|few|several)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|moments ago|just now)\b|\b((?:updated|edited|published|posted|released|modified|changed|committed|pushed)(?:\s+on)?)\s+(?:today|yesterday)\b/gi,
    replace: (match, verb?: string) => (verb ? `${verb} <ago>` : '<ago>'),
  },
  {
    name: 'counters before their word ("12.3k stars")',
    pattern: new RegExp(`(?<![\\w.$€£¥])${COUNT}(\\s+(?:github\\s+)?${COUNTER}\\b)`, 'gi'),
    replace: (_match, digits: string, suffix: string | undefined, rest: string) => `${countBucket(parseCount(digits, suffix))}${rest}`,
  },
  {
    name: 'counters after their word ("Stars: 12,345")',
    pattern: new RegExp(`(\\b${COUNTER}\\b[:\\s]\\s*)${COUNT}(?![\\w.])`, 'gi'),
    replace: (_match, lead: string, digits: string, suffix: string | undefined) => `${lead}${countBucket(parseCount(digits, suffix))}`,
  },
];

/** The rules' names in order, for documentation and tests. */
export const NORMALISATION_RULES: readonly string[] = [
  'Unicode NFKC, zero-width characters removed',
  ...RULES.map((rule) => rule.name),
  'whitespace: runs of spaces and tabs collapsed, lines trimmed, blank lines dropped',
];

/**
 * Normalise a source's text: the same input always gives the same output, and a text that is
 * already normalised comes back unchanged (so stored texts can be compared again later).
 */
export function normaliseText(text: string): string {
  let out = text.normalize('NFKC').replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  for (const rule of RULES) {
    out = typeof rule.replace === 'string' ? out.replace(rule.pattern, rule.replace) : out.replace(rule.pattern, rule.replace as (match: string, ...groups: string[]) => string);
  }
  return out
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
