/**
 * The numbers check: every number a profile states must come from a source the model was
 * given (facts, known fields, links, page metadata or page text). Pure text in, findings out.
 *
 * How numbers are read and compared (decided here, stated in prompts/profile.md too):
 * - `1,200` and `1200` are the same number; `1.2k`, `7.5M`, `2B`, `3 million` are expanded, and
 *   a number written with such a suffix may round its source (`34.6k` or `35k` from 34,612).
 * - An approximate number may round or floor its source to its own precision: `400+`,
 *   `over 1,000`, `about 35,000`, and a round integer of 1,000 or more (not a year).
 *   Anything else must match exactly: `3 years` is not sourced by a 2023 creation date.
 * - `40%`, `2x`, `$20`, `5th` compare by their number.
 * - Version numbers (`3.7`, `v0.86.2`) match as written; `0.86` is accepted from `0.86.2`.
 * - A number glued to letters (`GPT-4o`, `H100`, `Llama3`, `K8s`) is a name: accepted when that
 *   name appears in the sources, otherwise checked like any number.
 * - Numbers spelled out in words ("three modes") are not checked.
 */

export interface NumberClaim {
  /** The number as written with its suffix and the word after it, for messages: `3 years`. */
  phrase: string;
  /** The token as written, commas removed: `1200`, `0.86.2`. */
  raw: string;
  /** Its value (suffix applied), or null for a version with two or more dots. */
  value: number | null;
  /** Rounding the claim may have applied to its source; 0 for an exact number. */
  precision: number;
  /** The name a number is part of (`GPT-4o`), when it is glued to letters. */
  identifier: string | null;
}

export interface NumberSources {
  values: number[];
  tokens: Set<string>;
  /** The source text, lower-cased, for identifiers. */
  text: string;
}

const MAGNITUDES: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
const SUFFIX = /^(?:(k|mn|m|bn|b)(?![\p{L}\p{N}])|\s(thousand|million|billion)\b)/iu;
// Suffixes that keep the number a number: percent, multiplier, ordinal, plus.
const UNIT = /^(?:\s?%|[x×](?![\p{L}\p{N}])|(?:st|nd|rd|th)(?![\p{L}\p{N}]))/iu;
const APPROXIMATE_BEFORE = /(?:about|around|over|more than|nearly|almost|roughly|approximately|some|at least|upwards of|~|≈|>)\s*[$€£]?$/i;
const LETTER = /\p{L}/u;
const NAME_CHAR = /[\p{L}\p{N}._-]/u;

function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= 1900 && value <= 2100;
}

/** The word a number sits in, e.g. `GPT-4o` around the `4`. */
function wordAround(text: string, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && NAME_CHAR.test(text[from - 1] ?? '')) from--;
  while (to < text.length && NAME_CHAR.test(text[to] ?? '')) to++;
  return text.slice(from, to).replace(/^[._-]+|[._-]+$/g, '');
}

/** Every number in `text`, read as the module comment describes. */
export function numberClaims(text: string): NumberClaim[] {
  const claims: NumberClaim[] = [];
  for (const match of text.normalize('NFKC').matchAll(/\d+(?:[.,]\d+)*/g)) {
    const source = match.input;
    const start = match.index;
    const end = start + match[0].length;
    // "1,2,3" is a list, not a number with thousands separators.
    const grouped = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(match[0]);
    const parts = grouped || !match[0].includes(',') ? [match[0].replace(/,/g, '')] : match[0].split(',');
    const after = source.slice(end, end + 12);
    const suffix = SUFFIX.exec(after);
    const unit = suffix ? null : UNIT.exec(after);
    const before = source[start - 1] ?? '';
    const versionPrefix = /v/i.test(before) && !LETTER.test(source[start - 2] ?? '');
    const glued = (LETTER.test(before) && !versionPrefix) || (!suffix && !unit && LETTER.test(after[0] ?? ''));
    const approximate = APPROXIMATE_BEFORE.test(source.slice(Math.max(0, start - 16), start)) || after.startsWith('+');
    const nextWord = /^[\s%+x×]*(?:[\p{L}]+)?/u.exec(source.slice(end + (suffix?.[0].length ?? 0)))?.[0] ?? '';
    const identifier = glued ? wordAround(source, start, end) : null;
    const phrase = identifier ?? `${match[0]}${suffix?.[0] ?? ''}${nextWord}`.trim();
    parts.forEach((raw, index) => {
      const last = index === parts.length - 1;
      const dots = raw.split('.').length - 1;
      const magnitude = last && suffix ? (MAGNITUDES[(suffix[1] ?? suffix[2] ?? '').toLowerCase()] ?? 1) : 1;
      const value = dots >= 2 ? null : Number(raw) * magnitude;
      const decimals = dots === 1 ? (raw.split('.')[1]?.length ?? 0) : 0;
      let precision = 0;
      if (magnitude > 1) precision = magnitude / 10 ** decimals;
      else if (value != null && dots === 0 && (approximate || (value >= 1000 && !isYear(value)))) {
        const zeros = /0*$/.exec(raw)?.[0].length ?? 0;
        precision = zeros > 0 ? 10 ** zeros : 0;
      }
      claims.push({ phrase: parts.length > 1 ? raw : phrase, raw, value, precision, identifier });
    });
  }
  return claims;
}

/** What the sources say: every number read the same way, and every token as written. */
export function numberSources(texts: readonly string[]): NumberSources {
  const text = texts.join('\n').normalize('NFKC');
  const values: number[] = [];
  const tokens = new Set<string>();
  for (const claim of numberClaims(text)) {
    tokens.add(claim.raw);
    if (claim.value != null) values.push(claim.value);
  }
  return { values, tokens, text: text.toLowerCase() };
}

function sourced(claim: NumberClaim, sources: NumberSources): boolean {
  if (claim.identifier && sources.text.includes(claim.identifier.toLowerCase())) return true;
  if (sources.tokens.has(claim.raw)) return true;
  if (claim.raw.includes('.') && [...sources.tokens].some((token) => token.startsWith(`${claim.raw}.`))) return true;
  const value = claim.value;
  if (value == null) return false;
  return sources.values.some(
    (known) =>
      Math.abs(known - value) <= 1e-9 * Math.max(1, Math.abs(value)) ||
      (claim.precision > 0 && known >= value - claim.precision / 2 && known < value + claim.precision),
  );
}

/** The numbers in `text` that no source gives, as phrases (`3 years`), deduplicated. */
export function unsourcedNumbers(text: string, sources: NumberSources): string[] {
  const phrases = numberClaims(text)
    .filter((claim) => !sourced(claim, sources))
    .map((claim) => claim.phrase);
  return [...new Set(phrases)];
}
