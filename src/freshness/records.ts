/**
 * What a review read, as hashed source records: one per kind of source the intake produced.
 * `page` (a web page's readable text, a Markdown or text file) or `readme` (a GitHub
 * repository's README), `description` (title, meta description, and fields the page states
 * for certain: JSON-LD, a profile file) and `facts` (facts and links). Each is normalised
 * (normalise.ts) and hashed; the normalised text is kept, capped, so a later re-fetch can be
 * diffed against it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { IntakeSource } from '../schemas.js';
import type { ReviewSourceRow } from '../store/index.js';
import { countBucket, NORMALISER_VERSION, normaliseText } from './normalise.js';

export const SOURCE_KINDS = ['page', 'readme', 'description', 'facts'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Stored normalised text per source; the hash always covers the whole text. */
export const SOURCE_TEXT_CAP = 32_000;

/**
 * One source of one review: the store's row (`review_sources`, whose fields say what each
 * holds), with the kind narrowed to the kinds intake records.
 */
export interface SourceRecord extends Omit<ReviewSourceRow, 'kind'> {
  kind: SourceKind;
}

export const hashText = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Fact keys whose value is a counter that grows by itself. */
const COUNTER_FACT = /(?:stars|forks|watchers|downloads|subscribers|openIssues|contributors)$/i;
/** A release tag's patch number: a patch release is not a new product (v1.4.2 → v1.4). */
const PATCH = /^(v?\d+\.\d+)\.\d+(?:[-+][\w.-]*)?$/i;

function factLine(key: string, value: string | number | boolean | null): string {
  if (typeof value === 'number' && COUNTER_FACT.test(key)) return `${key}: ${countBucket(value)}`;
  const text = String(value);
  if (/latestRelease$/i.test(key)) return `${key}: ${text.replace(PATCH, '$1.x')}`;
  return `${key}: ${text}`;
}

function record(kind: SourceKind, target: string, url: string, raw: string): SourceRecord {
  const text = normaliseText(raw);
  return {
    kind,
    target,
    url,
    hash: hashText(text),
    normaliser: NORMALISER_VERSION,
    text: text.length > SOURCE_TEXT_CAP ? text.slice(0, SOURCE_TEXT_CAP) : text,
    truncated: text.length > SOURCE_TEXT_CAP,
  };
}

const sorted = <T>(entries: Array<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** A target as it can be read again from any directory: files become absolute paths. */
export function refetchTarget(target: string): string {
  const trimmed = target.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : path.resolve(trimmed);
}

/** The hashed records of what intake produced for `source` (an empty text makes no page record). */
export function sourceRecords(source: IntakeSource): SourceRecord[] {
  const target = refetchTarget(source.target);
  const records: SourceRecord[] = [];
  if (source.text.trim() !== '') records.push(record(source.kind === 'github' ? 'readme' : 'page', target, source.url, source.text));
  const known = sorted(Object.entries(source.known)).flatMap(([key, value]) => {
    if (value == null) return [];
    if (typeof value === 'object') return sorted(Object.entries(value)).flatMap(([inner, each]) => (each == null ? [] : [`${key}.${inner}: ${String(each)}`]));
    return [`${key}: ${String(value)}`];
  });
  const description = [
    ...(source.title ? [`title: ${source.title}`] : []),
    ...(source.description ? [`description: ${source.description}`] : []),
    ...known,
  ];
  if (description.length > 0) records.push(record('description', target, source.url, description.join('\n')));
  const facts = [
    ...sorted(Object.entries(source.facts)).filter(([, value]) => value != null && value !== '').map(([key, value]) => factLine(key, value)),
    ...sorted(Object.entries(source.links)).map(([name, url]) => `link ${name}: ${url}`),
  ];
  if (facts.length > 0) records.push(record('facts', target, source.url, facts.join('\n')));
  return records;
}
