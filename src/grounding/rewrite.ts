/**
 * The one re-ask: the model that wrote a text is asked, in its own conversation (its system
 * prompt and first message unchanged, so its cached prefix is reused), to rewrite the text
 * without the claims no source supports. What is shown afterwards is that model's text, never
 * our edit of it; when the re-ask fails, the original stays and its claims stay flagged.
 */
import { z } from 'zod';
import { personaRequest, type PanelInput } from '../panel/index.js';
import { buildProfileRequest } from '../profile/index.js';
import { askStructured, priceUsage, type ChatMessage, type ChatModel, type PriceTable, type RetryPolicy } from '../providers/index.js';
import type { IntakeSource, PersonaReview, ToolProfile, Usage } from '../schemas.js';
import type { PromptTemplate } from '../templates/index.js';
import { rewriteMessage, type FieldName, type GroundingPrompts } from './prompts.js';

/** The limits the writer's own schema puts on each field (ProfileAnswer, PersonaAnswer, the panel's word rule). */
const LIMITS: Record<FieldName, { chars: number; words?: number }> = {
  tagline: { chars: 160 },
  description: { chars: 2400 },
  quote: { chars: 700, words: 110 },
};

const RewriteAnswer = z.object({ text: z.string().min(1).max(2400) });

export interface RewriteDeps {
  createModel: (spec: string) => ChatModel;
  prompts: GroundingPrompts;
  prices: PriceTable;
  retry: RetryPolicy;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface Writer {
  spec: string;
  /** The writer's original request, which the re-ask continues. */
  system: string;
  messages: ChatMessage[];
  /** What the writer answered, as the assistant turn. */
  answer: string;
  temperature: number;
  cacheKey?: string;
}

export interface RewriteResult {
  text: string | null;
  usage: Usage | null;
  problem?: string;
}

function limitIssues(field: FieldName, text: string): string[] {
  const limit = LIMITS[field];
  const issues: string[] = [];
  if (text.trim().length > limit.chars) issues.push(`text has ${text.trim().length} characters; the ${field} allows ${limit.chars}`);
  const words = text.trim().split(/\s+/).length;
  if (limit.words != null && words > limit.words) issues.push(`text has ${words} words; keep it to one to three sentences`);
  return issues;
}

export async function rewriteText(writer: Writer, field: FieldName, text: string, claims: readonly string[], deps: RewriteDeps): Promise<RewriteResult> {
  let model: ChatModel;
  try {
    model = deps.createModel(writer.spec);
  } catch (error) {
    return { text: null, usage: null, problem: `rewrite: ${(error as Error).message}` };
  }
  const answer = await askStructured(
    model,
    {
      system: writer.system,
      messages: [
        ...writer.messages,
        { role: 'assistant', parts: [{ text: writer.answer }] },
        { role: 'user', parts: [{ text: rewriteMessage(deps.prompts, field, text, claims) }] },
      ],
      maxOutputTokens: deps.prompts.rewrite.maxOutputTokens,
      timeoutMs: deps.timeoutMs,
      temperature: writer.temperature,
      ...(writer.cacheKey ? { cacheKey: writer.cacheKey } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
    {
      schema: RewriteAnswer,
      name: 'rewrite',
      description: `The ${field} rewritten without the unsupported claims.`,
      check: (value) => limitIssues(field, value.text),
      maxReasks: 1,
      retry: deps.retry,
      ...(deps.signal ? { hooks: { signal: deps.signal } } : {}),
    },
  );
  const usage = priceUsage(deps.prices, writer.spec, answer.usage, answer.providerCostUsd);
  if (!answer.ok) return { text: null, usage, problem: `rewrite: ${answer.error.message}` };
  return { text: answer.value.text.trim(), usage };
}

/** The persona's own review conversation, exactly as the panel sent it. */
export function personaWriter(panel: PanelInput, review: PersonaReview, threshold: number): Writer | undefined {
  const persona = panel.personas.find((candidate) => candidate.id === review.persona);
  if (persona == null) return undefined;
  // The panel's own builder, so the re-ask continues the very request the panel sent (its
  // cache breakpoints and prompt_cache_key included) and meets its cached prefix.
  const { system, messages, cacheKey } = personaRequest(panel, persona, { threshold, timeoutMs: 0 });
  return {
    spec: review.model,
    system,
    messages,
    answer: JSON.stringify(writtenAnswer(review)),
    temperature: persona.temperature,
    ...(cacheKey ? { cacheKey } : {}),
  };
}

/**
 * What the persona's model answered, as the assistant turn: with repeats, the run whose quote
 * was kept (only that quote is grounded; the median score may be no run's own).
 */
function writtenAnswer(review: PersonaReview): Record<string, unknown> {
  const kept = review.runs?.find((run) => run.run === review.spread?.keptRun);
  const source = kept?.status === 'answered' ? kept : review;
  return { score: source.score, verdict: source.verdict, quote: review.quote, ...(source.confidence !== undefined ? { confidence: source.confidence } : {}) };
}

/** The profile model's conversation; its answer is the profile as the model wrote it. */
export function profileWriter(spec: string, source: IntakeSource, profile: ToolProfile, template: PromptTemplate, categories: readonly string[]): Writer {
  const prompt = buildProfileRequest(source, template, { categories });
  const { name, tagline, description, category, pricing, bestFor, vendor } = profile;
  return { spec, ...prompt, answer: JSON.stringify({ name, tagline, description, category, pricing, bestFor, vendor }), temperature: 0.2 };
}
