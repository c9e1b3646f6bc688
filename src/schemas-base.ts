/**
 * The leaf shapes of src/schemas.ts (no shape of their own inside): usage, flags, why a draft
 * exists, routing, voter keys. Kept apart only so schemas.ts stays readable; import them from
 * schemas.ts, which re-exports all of them.
 */
import { z } from 'zod';

/** Tokens and money. `inputTokens` includes cached and cache-write tokens on every provider. */
export const Usage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cachedInputTokens: z.number().int().nonnegative(),
  /** Input tokens written to the prompt cache (billed above the input rate by Anthropic). */
  cacheWriteInputTokens: z.number().int().nonnegative().optional(),
  /**
   * Output tokens spent on hidden reasoning or thinking: a subset of `outputTokens` (which is
   * what was billed at the output rate). Only where the provider reports them.
   */
  reasoningTokens: z.number().int().nonnegative().optional(),
  /** Cost of the priced calls: the provider's own figure where it gives one, else data/prices.json. */
  costUsd: z.number().nonnegative(),
  /**
   * The part of `costUsd` the providers reported themselves (OpenRouter `usage.cost`, xAI's
   * cost ticks) instead of it being computed from the price table; absent when none did.
   */
  providerCostUsd: z.number().nonnegative().optional(),
  /** Models with no entry in the price table: their calls are not in `costUsd`. */
  unpriced: z.array(z.string()).optional(),
});
export type Usage = z.infer<typeof Usage>;

/**
 * Why a draft exists (issue 13): a first review, a re-review of a published tool (its sources
 * or our prompt/persona versions changed), or an editor's correction of a published review.
 * Kept in the store's `reviews.origin` column with `amends` (the published review it replaces).
 */
export const ReviewOrigin = z.enum(['new', 're-review', 'correction']);
export type ReviewOrigin = z.infer<typeof ReviewOrigin>;

/** Issue 14: how much of an editor's attention a draft needs. Never an approval. */
export const Attention = z.enum(['routine', 'needs-attention']);
export type Attention = z.infer<typeof Attention>;
export const Routing = z.object({
  attention: Attention,
  /** Why, one short line each (e.g. `skeptic: confidence 41 below 60`); empty when routine. */
  reasons: z.array(z.string()),
});
export type Routing = z.infer<typeof Routing>;

export const Flag = z.object({
  kind: z.string(),
  detail: z.string(),
  /** The page text a flag is about (a prompt-injection passage), whitespace collapsed, ≤ ~160 chars. */
  snippet: z.string().optional(),
});
export type Flag = z.infer<typeof Flag>;

/**
 * The voter key a community vote carries (issue 13): the site's stable anonymous id for a
 * browser. Never stored as given (the store keeps a keyed hash of it).
 */
export const VoterKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'a voter key is 8–128 characters of A–Z, a–z, 0–9, _ or -');
export type VoterKey = z.infer<typeof VoterKey>;
