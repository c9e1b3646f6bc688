/**
 * Shapes shared by the simulator's modules. Kept apart from `index.ts` so the wire modules can
 * use them without importing the server (no cycles).
 */
import type { PersonaBias } from './persona-tuning.js';
import type { SimulatorBatches } from './batch-types.js';

export type SimulatedProvider = 'openai' | 'anthropic' | 'gemini';

/** Faults drawn at random, each with its own probability. */
export type RandomFault =
  | 'rate429'
  | 'server500'
  | 'overloaded529'
  | 'malformedJson'
  | 'invalidAnswer'
  | 'hang';

/** Faults a test can queue; `unauthorized` only makes sense scripted. */
export type FaultKind = RandomFault | 'unauthorized';

export interface ScriptedFault {
  /** Only a request to this provider consumes the entry; any provider when absent. */
  provider?: SimulatedProvider;
  fault: FaultKind;
  /** Sent as `retry-after` (and `retry-after-ms`) with this fault, whatever its status. */
  retryAfterSeconds?: number;
}

export interface SimulatedCall {
  provider: SimulatedProvider;
  model: string;
  path: string;
  body: unknown;
  /** System and message text joined in prompt order (tool definitions and schemas excluded). */
  promptText: string;
  /** 1 for the first time this exact body is seen, 2 for its first retry, … */
  attempt: number;
  /** The answer text sent back (absent for errors): tests compare results to it. */
  answerText?: string;
}

export type JsonSchema = Record<string, unknown>;

/** One cacheable unit of a prompt, in the provider's prefix order. */
export interface PromptSegment {
  text: string;
  /** Anthropic: the block carried `cache_control`; the cache covers everything up to it. */
  breakpoint?: boolean;
  /** Anthropic: the breakpoint's TTL, for the `cache_creation` split. */
  ttl?: '5m' | '1h';
}

/** What a wire module understood of a request. */
export interface ParsedRequest {
  model: string;
  promptText: string;
  segments: PromptSegment[];
  schema: JsonSchema | undefined;
  /** Anthropic forced tool: the answer goes back as this tool's `tool_use` input. */
  toolName?: string;
  /** OpenAI `prompt_cache_key`: part of how a request is routed to a cache. */
  cacheKey?: string;
}

/** Token counts of one answer, in the simulator's own convention (converted per wire). */
export interface SimulatedUsage {
  /** Every prompt token, cached or not. */
  promptTokens: number;
  /** Read from the simulated cache (a subset of `promptTokens`). */
  cachedTokens: number;
  /** Written to the cache by this request (Anthropic only; a subset of `promptTokens`). */
  cacheWriteTokens: number;
  cacheWriteTtl: '5m' | '1h';
  outputTokens: number;
}

/** The answer to send: JSON text, or for a forced tool the object (text kept for malformed). */
export interface SimulatedAnswer {
  text: string;
  /** Parsed value when `text` is valid JSON; absent for malformed or free-text answers. */
  value?: unknown;
}

/** Error statuses the wire modules know how to dress in their provider's shape. */
export type WireErrorKind =
  | 'rate429'
  | 'server500'
  | 'overloaded529'
  | 'unauthorized'
  | 'badRequest'
  | 'notFound';

export interface WireErrorOptions {
  requestId: string;
  /** Replaces the provider's stock message (used for 400/404 details). */
  message?: string;
  retryAfterSeconds?: number;
}

export interface WireError {
  status: number;
  body: unknown;
}

export interface WireModule {
  provider: SimulatedProvider;
  /** Throws `BadRequest` for a body the real API would reject outright. */
  parse(body: unknown, pathModel: string | undefined): ParsedRequest;
  success(
    request: ParsedRequest,
    answer: SimulatedAnswer,
    usage: SimulatedUsage,
    responseId: string,
  ): unknown;
  error(kind: WireErrorKind, options: WireErrorOptions): WireError;
}

/** A request the real API would refuse with 400; the message names what is wrong. */
export class BadRequest extends Error {
  override name = 'BadRequest';
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay before answering (and before 5xx/529); 429s and 401s come back at once. */
  latencyMs?: number | ((call: SimulatedCall) => number);
  /** Probability 0..1 of each fault per request, drawn from the seeded RNG. */
  faults?: Partial<Record<RandomFault, number>>;
  /** `retry-after` on injected 429s (default 1); `retry-after-ms` is sent alongside. */
  retryAfterSeconds?: number;
  /** Seeds the fault RNG (default 1). Answers are seeded by their prompt, not by this. */
  seed?: number;
  /** Per provider, sliding 60 s window; above it a 429 says when the next slot frees. */
  rateLimit?: { requestsPerMinute: number };
  /** One-shot faults consumed in order, before the rate limit and random faults. */
  script?: ScriptedFault[];
  /** When set, any other key gets each provider's real bad-key error. */
  apiKeys?: string[];
  /**
   * How many of the latest requests `calls` keeps: a number, `true` for the default
   * (DEFAULT_RECORDED_CALLS, more than any test makes) or `false` for none. Each call holds its
   * whole request body, so keeping every one grew a long-running `npm run simulator` to GBs.
   */
  recordCalls?: boolean | number;
  /**
   * Seeded persona behaviour (issue 14; persona-tuning.ts): per matching persona prompt, a
   * ship rate and run-to-run score noise. Absent, answers depend on the prompt alone.
   */
  personaBias?: PersonaBias[];
}

export interface SimulatorStats {
  requests: number;
  byProvider: Record<string, number>;
  /** By fault kind, plus `rateLimited` for 429s from `rateLimit`. */
  faults: Record<string, number>;
}

export interface Simulator {
  /** http://HOST:PORT */
  url: string;
  /** openai = url + '/v1' (the OpenAI SDK's paths omit it); anthropic and google = url. */
  baseUrls: { openai: string; anthropic: string; google: string };
  /** The latest parsed requests (at most `recordCalls` of them), in arrival order. */
  calls: SimulatedCall[];
  stats(): SimulatorStats;
  /**
   * Holds every answer (and 5xx) that would be sent from now on until `release()`: a test
   * that needs calls "in flight" waits for an event and then releases, instead of hoping a
   * latency is long enough on a loaded machine.
   */
  hold(): void;
  /** Sends the held answers (each after its own latency) and stops holding. */
  release(): void;
  /** Requests waiting for `release()` right now. */
  held(): number;
  /** The batch interfaces: hold/release batches, expire one, fail items, submission counts. */
  batches: SimulatorBatches;
  /** Stops listening and drops open connections, hanging ones included. */
  close(): Promise<void>;
}
