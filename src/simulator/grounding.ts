/**
 * Simulated answers to the grounding prompts, computed from the text the prompt carries, never
 * invented: the claims pass lists the text's clauses that state a number, date, quoted term or
 * name (and, for text the simulator did not write itself, every clause that is not an opinion);
 * the support pass returns a source sentence that shares most of a claim's key terms, copied
 * from the prompt, or null; the rewrite drops the sentences carrying the unsupported claims.
 * A real model judges far better; these answers only make the engine's paths run offline.
 */
import { GROUNDING_BLOCKS, hardTerms, keyTerms, splitSentences } from '../grounding/index.js';
import { isRecord, type JsonSchema } from './types.js';

const SIMULATED = '(simulated)';
// Clause boundaries: semicolons, dashes, a colon before a list, ", and"/", but", relative "that"/"which".
const CLAUSE = /;\s+|\s+[—–]\s+|:\s+(?=[a-z"“])|,\s+(?:and|but|while|so|rather than)\s+|\s+(?:and uses|and then|that|which|because|but)\s+/g;
const OPINION =
  /\b(i|i'd|i'm|i've|i'll|me|my|we|our|should|would|could|might|feel|feels|think|believe|probably|likely|obvious|meaningful|interesting|exciting|genuinely|future|preview|finally|honestly|worth|ship|skip)\b/i;
/** Key terms a sentence must share with a claim, at least this many and this share of them. */
const MIN_SHARED = 2;
const MIN_SHARE = 0.25;

function blocks(promptText: string, label: string): string[] {
  const pattern = new RegExp(`<untrusted_data source="${label}">\\n([\\s\\S]*?)\\n</untrusted_data>`, 'g');
  return [...promptText.matchAll(pattern)].map((match) => match[1] ?? '');
}

function knownNames(promptText: string): string[] {
  const line = /^Known names \(not claims\): (.*)$/m.exec(promptText)?.[1] ?? '';
  return line === 'none' ? [] : line.split(', ').filter((name) => name !== '');
}

function clauses(sentence: string): string[] {
  return sentence
    .split(CLAUSE)
    .map((part) => part.replace(/^\s*\(simulated\)\s*/, '').replace(/^[\s,(]+|[\s,.;:)]+$/g, ''))
    .filter((part) => /[\p{L}\p{N}]/u.test(part));
}

function kindOf(clause: string, known: readonly string[]): string {
  const terms = hardTerms(clause, known);
  if (/\bmodes?\b/i.test(clause)) return 'mode';
  if (/[$€£]|\b(price|pricing|free|paid|plan|per token)\b/i.test(clause)) return 'pricing';
  if (/\bintegrat/i.test(clause)) return 'integration';
  const first = terms[0];
  if (first?.kind === 'number') return 'number';
  if (first?.kind === 'date') return 'date';
  if (first?.kind === 'name') return 'name';
  return 'feature';
}

export function simulatedClaims(promptText: string): { claims: Array<{ text: string; kind: string }> } {
  const text = blocks(promptText, GROUNDING_BLOCKS.text).at(-1) ?? '';
  const known = knownNames(promptText);
  const ownText = text.trimStart().startsWith(SIMULATED);
  const claims = splitSentences(text)
    .flatMap((sentence) => clauses(sentence.text))
    .filter((clause) => hardTerms(clause, known).length > 0 || (!ownText && !OPINION.test(clause) && keyTerms(clause).length >= 3))
    .filter((clause) => text.includes(clause))
    .slice(0, 20)
    .map((clause) => ({ text: clause, kind: kindOf(clause, known) }));
  return { claims };
}

export function simulatedSupport(promptText: string): { supports: Array<{ id: string; sentence: string | null }> } {
  const sentences = blocks(promptText, 'source [a-z-]+').flatMap((text) => splitSentences(text).map((sentence) => sentence.text));
  const indexed = sentences.map((sentence) => ({ sentence, keys: new Set(keyTerms(sentence)) }));
  const list = blocks(promptText, GROUNDING_BLOCKS.claims).at(-1) ?? '';
  const supports = [...list.matchAll(/^- \[([^\]]+)\] (.*)$/gm)].map((match) => {
    const keys = keyTerms(match[2] ?? '');
    let best: { sentence: string; shared: number } | undefined;
    for (const candidate of indexed) {
      const shared = keys.filter((key) => candidate.keys.has(key)).length;
      if (shared >= MIN_SHARED && shared / Math.max(1, keys.length) >= MIN_SHARE && shared > (best?.shared ?? 0)) {
        best = { sentence: candidate.sentence, shared };
      }
    }
    return { id: match[1] ?? '', sentence: best?.sentence ?? null };
  });
  return { supports };
}

export function simulatedRewrite(promptText: string): { text: string } {
  const text = blocks(promptText, GROUNDING_BLOCKS.rewrite).at(-1) ?? '';
  const claims = (blocks(promptText, GROUNDING_BLOCKS.unsupported).at(-1) ?? '')
    .split('\n')
    .map((line) => line.replace(/^- /, '').trim())
    .filter((claim) => claim !== '');
  const kept = splitSentences(text).filter((sentence) => !claims.some((claim) => sentence.text.includes(claim)));
  let rewritten = kept.map((sentence) => sentence.text).join(' ');
  if (rewritten.replace(SIMULATED, '').trim() === '') {
    // A one-sentence text: drop the claim's words and the punctuation they leave dangling.
    rewritten = claims
      .reduce((current, claim) => current.replace(claim, ''), text.replace(SIMULATED, ''))
      .replace(/\(\s*\)/g, '')
      .replace(/\s+([,.;:])/g, '$1')
      .replace(/^[\s,.;:]+/, '')
      .replace(/\s+/g, ' ');
  }
  rewritten = rewritten.trim();
  if (text.trimStart().startsWith(SIMULATED) && !rewritten.startsWith(SIMULATED)) rewritten = `${SIMULATED} ${rewritten}`;
  // Nothing sensible left: answer the text unchanged, so the claim stays flagged.
  return { text: rewritten.replace(SIMULATED, '').trim().split(/\s+/).length >= 3 ? rewritten : text };
}

/** The grounding answer for this request's schema, or undefined when it is not a grounding prompt. */
export function groundingAnswer(schema: JsonSchema, promptText: string): unknown {
  const properties = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  const only = (name: string) => properties.length === 1 && properties[0] === name;
  if (only('claims') && promptText.includes(`source="${GROUNDING_BLOCKS.text}"`)) return simulatedClaims(promptText);
  if (only('supports') && promptText.includes(`source="${GROUNDING_BLOCKS.claims}"`)) return simulatedSupport(promptText);
  if (only('text') && promptText.includes(`source="${GROUNDING_BLOCKS.rewrite}"`)) return simulatedRewrite(promptText);
  return undefined;
}
