/**
 * The hard terms of a text: numbers with their units, dates, quoted terms and proper names.
 * These can be checked without a model: each must occur in some source. Extraction is
 * deliberately conservative (a term it misses is left to the model pass; a term it invents
 * would be a false flag), and every term keeps its span in the text it came from.
 */

export interface Span {
  start: number;
  end: number;
}

export type HardTerm =
  | (Span & { kind: 'number'; raw: string; value: number; precision: number; unit: string | null })
  | (Span & { kind: 'date'; raw: string; year: number; month: number | null; day: number | null })
  | (Span & { kind: 'quoted'; raw: string })
  | (Span & { kind: 'name'; raw: string });

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const MONTH_DATE = new RegExp(`\\b${MONTH}\\.?\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*\\d{1,2})?,?\\s+)?((?:19|20)\\d{2})\\b`, 'g');
const ISO_DATE = /\b((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?/g;
const NUMBER =
  /([$€£])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(k|K|M|B|bn|million|billion|thousand)\b)?(?:\s?(%|percent\b|x\b|×))?/g;
const QUOTED = /["“]([^"“”\n]{1,80})["”]|`([^`\n]{1,80})`/g;
// A capitalised word, CamelCase or with inner digits ("GPT-4o", "OpenRouter", "vLLM"), and runs of them.
const NAME_WORD = "(?:[A-Z][\\p{L}\\p{N}]*(?:[-.+][\\p{L}\\p{N}]+)*|[a-z]+[A-Z][\\p{L}\\p{N}]*)(?:'s)?";
const NAME_RUN = new RegExp(`${NAME_WORD}(?:\\s+(?:${NAME_WORD}|\\d+(?:\\.\\d+)*))*`, 'gu');

/** Capitalised words that are not names wherever they stand. */
const NOT_NAMES = new Set(
  [
    'I', "I'd", "I'm", "I've", "I'll", 'AI', 'API', 'APIs', 'LLM', 'LLMs', 'UI', 'UX', 'CLI', 'SDK', 'SDKs', 'JSON', 'HTTP',
    'HTTPS', 'URL', 'URLs', 'CI', 'CD', 'IDE', 'IDEs', 'OSS', 'SaaS', 'README', 'FAQ', 'OK', 'DIY', 'FOMO', 'ROI', 'TBD',
    ...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  ].map((word) => word.toLowerCase()),
);
const MULTIPLIERS: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };

export interface Sentence extends Span {
  text: string;
}

/** Sentences and lines of a text, with their spans; abbreviations like "e.g." do not end one. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const boundary = /(?<!\b(?:e\.g|i\.e|vs|etc|approx|Inc|Ltd|Dr|Mr|Ms|No))([.!?])(?=\s+["“(\p{Lu}\d])|\n+/gu;
  let start = 0;
  const add = (end: number) => {
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed)) sentences.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
  };
  for (const match of text.matchAll(boundary)) {
    const end = (match.index ?? 0) + (match[1] ? 1 : 0);
    add(end);
    start = (match.index ?? 0) + match[0].length;
  }
  add(text.length);
  return sentences;
}

function isSentenceStart(text: string, at: number): boolean {
  const before = text.slice(0, at).trimEnd();
  return before === '' || /[.!?:\n(]$/.test(before) || /\(simulated\)$/.test(before);
}

function numberTerms(text: string): HardTerm[] {
  const terms: HardTerm[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const at = match.index ?? 0;
    const end = at + match[0].length;
    const before = text.slice(Math.max(0, at - 2), at);
    // Part of a name or version ("GPT-4o", "v1.2", "Web3") or of a date handled elsewhere.
    if (/[\p{L}_]$/u.test(before) || /[\p{L}]-$/u.test(before) || /^[\p{L}]/u.test(text.slice(end))) continue;
    const [, currency, whole = '', decimals, multiplier, suffix] = match;
    const base = Number(`${whole.replace(/,/g, '')}${decimals ? `.${decimals}` : ''}`);
    if (!Number.isFinite(base)) continue;
    const factor = multiplier ? (MULTIPLIERS[multiplier.toLowerCase()] ?? 1) : 1;
    const value = Math.round(base * factor * 1e6) / 1e6;
    let precision = factor / 10 ** (decimals?.length ?? 0);
    // "over 34,000 stars" from 34,612: trailing zeros of a large round number are rounding.
    if (!multiplier && !decimals && value >= 1000) precision = 10 ** (whole.replace(/,/g, '').match(/0*$/)?.[0].length ?? 0);
    const unit = currency ?? (suffix ? (suffix === 'percent' ? '%' : suffix === '×' ? 'x' : suffix) : null);
    terms.push({ kind: 'number', raw: match[0].trim(), value, precision: Math.max(precision, 1e-6), unit, start: at, end: at + match[0].trimEnd().length });
  }
  // "20–30%": the first end of a range carries the unit written after the second.
  for (const [index, term] of terms.entries()) {
    const next = terms[index + 1];
    if (term.kind === 'number' && next?.kind === 'number' && term.unit == null && next.unit != null && /^\s?[-–—]\s?$/.test(text.slice(term.end, next.start))) {
      terms[index] = { ...term, unit: next.unit, raw: text.slice(term.start, next.end) };
    }
  }
  return terms;
}

function dateTerms(text: string): HardTerm[] {
  const terms: HardTerm[] = [];
  for (const match of text.matchAll(MONTH_DATE)) {
    const month = MONTHS.indexOf((match[1] ?? '').slice(0, 3).toLowerCase()) + 1;
    const at = match.index ?? 0;
    terms.push({ kind: 'date', raw: match[0], year: Number(match[3]), month, day: match[2] ? Number(match[2]) : null, start: at, end: at + match[0].length });
  }
  for (const match of text.matchAll(ISO_DATE)) {
    const at = match.index ?? 0;
    const month = Number(match[2]);
    if (month < 1 || month > 12) continue;
    terms.push({ kind: 'date', raw: match[0], year: Number(match[1]), month, day: match[3] ? Number(match[3]) : null, start: at, end: at + match[0].length });
  }
  return terms;
}

function quotedTerms(text: string): HardTerm[] {
  return [...text.matchAll(QUOTED)].flatMap((match) => {
    const inner = (match[1] ?? match[2] ?? '').trim();
    const at = (match.index ?? 0) + 1;
    return /[\p{L}\p{N}]/u.test(inner) ? [{ kind: 'quoted' as const, raw: inner, start: at, end: at + inner.length }] : [];
  });
}

function nameTerms(text: string, known: readonly string[]): HardTerm[] {
  const skip = new Set(known.map((name) => name.toLowerCase()));
  const terms: HardTerm[] = [];
  for (const match of text.matchAll(NAME_RUN)) {
    let raw = match[0];
    let at = match.index ?? 0;
    const words = raw.split(/\s+/);
    // A lone capitalised word opening a sentence is just a sentence start ("Latency is…"),
    // unless its inner capitals or digits make it a name ("OpenRouter routes…").
    if (isSentenceStart(text, at) && !/[\p{Lu}\p{N}]/u.test((words[0] ?? '').slice(1))) {
      if (words.length === 1) continue;
      const first = words[0] ?? '';
      if (/^(The|This|That|These|Those|It|Its|A|An|In|On|For|With|When|If|But|And|Or|As|At|By|From|Instead|Unlike|Like|Both|Each|Every|Our|Your|Their|Use|Run|Try)$/.test(first)) {
        raw = raw.slice(first.length).trimStart();
        at = text.indexOf(raw, at);
      }
    }
    // "Builder I care": words that are never names, or are ours, come off the ends of a run.
    const ours = (word: string) => NOT_NAMES.has(word.replace(/'s$/, '').toLowerCase()) || skip.has(word.replace(/'s$/, '').toLowerCase());
    const parts = raw.split(/(\s+)/);
    while (parts.length > 0 && ours(parts[0] as string)) {
      at += (parts.shift() as string).length + (parts.shift() ?? '').length;
    }
    while (parts.length > 0 && ours(parts.at(-1) as string)) parts.splice(-2, 2);
    raw = parts.join('').replace(/'s$/, '');
    const bare = raw.toLowerCase();
    if (raw === '' || NOT_NAMES.has(bare) || skip.has(bare) || MONTHS.some((month) => bare.startsWith(month) && bare.length <= 9 && /^[a-z]+$/.test(bare))) continue;
    terms.push({ kind: 'name', raw, start: at, end: at + raw.length });
  }
  return terms;
}

/**
 * Every hard term of a text, in order. `known` names are ours, not claims about the tool (the
 * tool's own name, the personas' names) and are never checked.
 */
export function hardTerms(text: string, known: readonly string[] = []): HardTerm[] {
  const dates = dateTerms(text);
  const insideDate = (term: Span) => dates.some((date) => term.start >= date.start && term.end <= date.end);
  const numbers = numberTerms(text).filter((term) => !insideDate(term));
  const quoted = quotedTerms(text);
  const names = nameTerms(text, known).filter((term) => !insideDate(term) && !quoted.some((q) => term.start >= q.start && term.end <= q.end));
  const withYears = numbers.map((term): HardTerm =>
    term.kind === 'number' && term.unit == null && Number.isInteger(term.value) && term.value >= 1900 && term.value <= 2099 && /^\d{4}$/.test(term.raw)
      ? { kind: 'date', raw: term.raw, year: term.value, month: null, day: null, start: term.start, end: term.end }
      : term,
  );
  return [...dates, ...withYears, ...quoted, ...names].sort((a, b) => a.start - b.start);
}

const STOP = new Set(
  'the a an and or but of to in on for with by from at as is are was were be been being it its this that these those than then there their they them which who whom what when where how into onto over under about across via per your you our we us can could would should will may might must do does did not no yes so such also just more most less very each every any all some one'.split(' '),
);

/** Content words of a text, lower-cased and lightly stemmed: what "shares key terms" means. */
export function keyTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length >= 3 && !STOP.has(word)).map(stem))];
}

function stem(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '') || word;
}
