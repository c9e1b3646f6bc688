/**
 * Did a tool change since a review? Its sources (by kind, by normalised hash) and the prompt
 * and persona versions the review was made with, against what the engine has now.
 */
import { hashText, type SourceKind, type SourceRecord } from './records.js';
import { NORMALISER_VERSION, normaliseText } from './normalise.js';

export interface Versions {
  prompts: string;
  personas: Record<string, string>;
}

export interface SourceChange {
  /** Kinds whose normalised text differs, appeared or disappeared. */
  changed: SourceKind[];
  /** True when the review kept no source to compare with (made before hashes were stored). */
  noBaseline: boolean;
}

/**
 * A stored record's hash as the current normaliser would compute it: the stored text is
 * normalised again when it was written by an older rule set (only possible when it was kept
 * whole; a cut text of another version cannot be compared, so it counts as changed).
 */
function currentHash(stored: SourceRecord): string | null {
  if (stored.normaliser === NORMALISER_VERSION) return stored.hash;
  return stored.truncated ? null : hashText(normaliseText(stored.text));
}

export function compareSources(baseline: readonly SourceRecord[], now: readonly SourceRecord[]): SourceChange {
  if (baseline.length === 0) return { changed: [...new Set(now.map((each) => each.kind))], noBaseline: true };
  const before = new Map(baseline.map((each) => [each.kind, currentHash(each)]));
  const after = new Map(now.map((each) => [each.kind, each.hash]));
  const kinds = [...new Set([...before.keys(), ...after.keys()])];
  return { changed: kinds.filter((kind) => before.get(kind) == null || before.get(kind) !== after.get(kind)), noBaseline: false };
}

/** What differs between a review's versions and the current ones, in words ([] when nothing). */
export function versionChanges(reviewed: Versions, current: Versions): string[] {
  const out: string[] = [];
  if (reviewed.prompts !== current.prompts) out.push('prompts');
  const personas = new Set([...Object.keys(reviewed.personas), ...Object.keys(current.personas)]);
  for (const persona of [...personas].sort()) {
    const was = reviewed.personas[persona];
    const is = current.personas[persona];
    if (was === is) continue;
    out.push(was == null ? `persona ${persona} added` : is == null ? `persona ${persona} removed` : `persona ${persona}`);
  }
  return out;
}
