/**
 * One text's claims, checked: listed by the grounding model (or, without one, its hard terms),
 * then settled by the free checks, then, for what is left, by the model's supporting sentence
 * found verbatim. Never throws for a provider failure: the text is then checked as far as it
 * could be, and the failure is reported.
 */
import { z } from 'zod';
import { askStructured, priceUsage, type ChatModel, type PriceTable, type RetryPolicy } from '../providers/index.js';
import { ClaimKind, type Claim, type ClaimSupport, type Usage } from '../schemas.js';
import { normaliseLoose, findNormalised } from './normalise.js';
import { claimsRequest, supportRequest, type FieldName, type GroundingPrompts } from './prompts.js';
import type { PreparedSource } from './sources.js';
import { checkDeterministic, termSupport, verbatimSupport } from './support.js';
import { hardTerms, type HardTerm } from './terms.js';

export const MAX_CLAIMS = 20;

export const ClaimsAnswer = z.object({
  claims: z.array(z.object({ text: z.string().min(1).max(400), kind: ClaimKind })).max(MAX_CLAIMS),
});
export const SupportAnswer = z.object({
  supports: z.array(z.object({ id: z.string(), sentence: z.string().max(1500).nullable() })),
});

/** A claim before it gets its id; `span` is in the text it was found in. */
export type CheckedClaim = Omit<Claim, 'id'> & { reason?: string };

export interface TextToCheck {
  field: FieldName;
  personaId?: string;
  /** The persona's display name, for the prompt. */
  personaName?: string;
  text: string;
}

export interface CheckDeps {
  /** The grounding model; undefined checks the hard terms only (`--no-grounding`). */
  model?: ChatModel;
  prompts: GroundingPrompts;
  /** The prompts' shared first part for claims and support, rendered once per review. */
  shared: { claims: string; support: string };
  sources: readonly PreparedSource[];
  known: readonly string[];
  prices: PriceTable;
  retry: RetryPolicy;
  timeoutMs: number;
  cacheKey: string;
  signal?: AbortSignal;
}

export interface TextCheck {
  claims: CheckedClaim[];
  usage: Usage[];
  /** Why the model part could not run for this text, when it could not. */
  problem?: string;
}

const TERM_KINDS: Record<HardTerm['kind'], Claim['kind']> = { number: 'number', date: 'date', quoted: 'feature', name: 'name' };

function locate(text: string, claim: string): Claim['span'] {
  const exact = text.indexOf(claim);
  if (exact !== -1) return { start: exact, end: exact + claim.length };
  const found = findNormalised(normaliseLoose(text), text, claim);
  return found ?? null;
}

function where(item: TextToCheck): Pick<Claim, 'field' | 'personaId'> {
  return { field: item.field, ...(item.personaId ? { personaId: item.personaId } : {}) };
}

/** The free pass alone: each hard term of the text is a claim, supported where a source states it. */
export function checkHardTerms(item: TextToCheck, deps: Pick<CheckDeps, 'sources' | 'known'>): CheckedClaim[] {
  return hardTerms(item.text, deps.known).map((term) => {
    const support = termSupport(term, deps.sources);
    return {
      ...where(item),
      text: item.text.slice(term.start, term.end),
      span: { start: term.start, end: term.end },
      kind: TERM_KINDS[term.kind],
      status: support ? 'supported' : 'unsupported',
      support,
      ...(support ? {} : { reason: `${term.kind} "${term.raw}" occurs in no source` }),
    };
  });
}

function request(deps: CheckDeps, prompt: { system: string; messages: import('../providers/index.js').ChatMessage[] }, maxOutputTokens: number) {
  return { ...prompt, temperature: 0, maxOutputTokens, timeoutMs: deps.timeoutMs, cacheKey: deps.cacheKey, ...(deps.signal ? { signal: deps.signal } : {}) };
}

export async function checkText(item: TextToCheck, deps: CheckDeps): Promise<TextCheck> {
  const model = deps.model;
  if (model == null) return { claims: checkHardTerms(item, deps), usage: [] };
  const options = { retry: deps.retry, maxReasks: 1, ...(deps.signal ? { hooks: { signal: deps.signal } } : {}) };
  const listed = await askStructured(
    model,
    request(deps, claimsRequest(deps.prompts, deps.shared.claims, item.field, item.text, item.personaName), deps.prompts.claims.maxOutputTokens),
    { ...options, schema: ClaimsAnswer, name: 'claims', description: 'The factual claims the text makes about the tool.' },
  );
  const usage = [priceUsage(deps.prices, model.spec, listed.usage, listed.providerCostUsd)];
  if (!listed.ok) {
    return { claims: checkHardTerms(item, deps), usage, problem: `claims: ${listed.error.message}` };
  }
  const claims: CheckedClaim[] = [];
  const pending: Array<{ id: string; claim: CheckedClaim }> = [];
  const seen = new Set<string>();
  for (const listedClaim of listed.value.claims) {
    const text = listedClaim.text.trim();
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    const check = checkDeterministic(text, deps.known, deps.sources);
    const claim: CheckedClaim = {
      ...where(item),
      text,
      span: locate(item.text, text),
      kind: listedClaim.kind,
      status: check.status === 'supported' ? 'supported' : 'unsupported',
      support: check.status === 'supported' ? check.support : null,
      ...(check.status === 'unsupported' ? { reason: check.reason } : {}),
    };
    claims.push(claim);
    if (check.status === 'pending') pending.push({ id: `k${pending.length + 1}`, claim });
  }
  if (pending.length === 0) return { claims, usage };
  const asked = await askStructured(
    model,
    request(
      deps,
      supportRequest(deps.prompts, deps.shared.support, item.field, pending.map(({ id, claim }) => ({ id, text: claim.text })), item.personaName),
      deps.prompts.support.maxOutputTokens,
    ),
    { ...options, schema: SupportAnswer, name: 'claim_support', description: 'For each claim id, the supporting sentence copied from the sources, or null.' },
  );
  usage.push(priceUsage(deps.prices, model.spec, asked.usage, asked.providerCostUsd));
  const answers = new Map(asked.ok ? asked.value.supports.map((entry) => [entry.id, entry.sentence]) : []);
  for (const { id, claim } of pending) {
    const sentence = answers.get(id);
    const support: ClaimSupport | null = sentence ? verbatimSupport(sentence, deps.sources) : null;
    claim.status = support ? 'supported' : 'unsupported';
    claim.support = support;
    claim.reason = !asked.ok
      ? 'the support check failed'
      : sentence == null
        ? 'no source sentence states it'
        : support == null
          ? 'the sentence given is not in any source'
          : undefined;
    if (claim.reason === undefined) delete claim.reason;
  }
  return { claims, usage, ...(asked.ok ? {} : { problem: `support: ${asked.error.message}` }) };
}
