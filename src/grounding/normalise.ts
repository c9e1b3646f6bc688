/**
 * Text normalised for matching, with a map back to the original characters, so a match found
 * in normalised text becomes a span of the source's own text. Two strengths: `loose` (case,
 * punctuation, dashes, quotes, thousands separators: for terms and claims) and `spaces` (only
 * whitespace collapsed: a model's "verbatim" sentence must pass this one).
 */

export interface Normalised {
  text: string;
  /** `map[i]` is the index in the original text of normalised character `i`. */
  map: number[];
}

const DASHES = /[\u2010-\u2015\u2212]/;
const WORD = /[\p{L}\p{N}]/u;
const DIGIT = /\d/;

/** Whitespace runs become one space; leading and trailing whitespace go. */
export function normaliseSpaces(text: string): Normalised {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (/\s/.test(char)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out.push(' ');
      map.push(index - 1);
      pendingSpace = false;
    }
    out.push(char);
    map.push(index);
  }
  return { text: out.join(''), map };
}

/**
 * Lower case; letters, digits, `%`, `$` and the decimal point of a number kept; a comma between
 * a digit and exactly three digits (a thousands separator) dropped; every other character a
 * space; spaces collapsed. "Best-of", "best of" and "BEST‑OF" all read "best of".
 */
export function normaliseLoose(text: string): Normalised {
  const out: string[] = [];
  const map: number[] = [];
  let pendingSpace = false;
  const push = (char: string, at: number) => {
    if (pendingSpace && out.length > 0) {
      out.push(' ');
      map.push(at);
    }
    pendingSpace = false;
    out.push(char);
    map.push(at);
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    const before = text[index - 1] ?? '';
    const after = text.slice(index + 1, index + 5);
    if (char === ',' && DIGIT.test(before) && /^\d{3}(?!\d)/.test(after)) continue;
    if (char === '.' && DIGIT.test(before) && DIGIT.test(after[0] ?? '')) {
      push('.', index);
      continue;
    }
    if (WORD.test(char) || char === '%' || char === '$') {
      push(char.toLowerCase(), index);
      continue;
    }
    if (DASHES.test(char) || !WORD.test(char)) pendingSpace = true;
  }
  return { text: out.join(''), map };
}

export interface Found {
  start: number;
  end: number;
}

/**
 * Where `needle` occurs in `haystack` at word boundaries, both normalised the same way, as a
 * span of the haystack's original text; undefined when it does not.
 */
export function findNormalised(
  haystack: Normalised,
  original: string,
  needle: string,
  normalise: (text: string) => Normalised = normaliseLoose,
): Found | undefined {
  const wanted = normalise(needle).text;
  if (wanted === '') return undefined;
  let from = 0;
  for (;;) {
    const at = haystack.text.indexOf(wanted, from);
    if (at === -1) return undefined;
    const end = at + wanted.length;
    const leftOk = at === 0 || !WORD.test(haystack.text[at - 1] as string) || !WORD.test(wanted[0] as string);
    const rightOk = end === haystack.text.length || !WORD.test(haystack.text[end] as string) || !WORD.test(wanted.at(-1) as string);
    if (leftOk && rightOk) {
      const start = haystack.map[at] as number;
      const last = haystack.map[end - 1] as number;
      return { start, end: Math.min(original.length, last + 1) };
    }
    from = at + 1;
  }
}
