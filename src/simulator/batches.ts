/**
 * The store behind the simulated batch interfaces: batches in progress until released, each
 * request answered by the same logic as the online endpoint (`wire.parse` → answer → cache →
 * `wire.success`), and bounds on what is kept. A batch's requests are dropped once answered;
 * its answers are kept until fetched and then only for the most recent fetches, and at most
 * `MAX_BATCHES` batches are remembered at all, so a long run stays flat.
 */
import { generateAnswer } from './answers.js';
import type { BatchSubmissionStats, SimulatorBatches } from './batch-types.js';
import type { PromptCache } from './cache.js';
import type { AnswerTuning } from './persona-tuning.js';
import { BadRequest, type SimulatedCall, type WireModule } from './types.js';

const MAX_BATCHES = 1_000;
/** Fetched answers kept for a collector that reads again after a crash. */
const KEEP_FETCHED = 32;
const MAX_CUSTOM_IDS = 100_000;

export interface BatchItem {
  customId: string;
  /** The online request body the item carries. */
  body: unknown;
  /** Gemini: the model named by the item or the batch's path. */
  pathModel?: string;
}

/** One request's end: the online endpoint's status and body, or never run. */
export type ItemOutcome =
  | { customId: string; run: true; status: number; body: unknown; requestId: string }
  | { customId: string; run: false };

export type BatchState = 'in_progress' | 'ended' | 'expired';

export interface StoredBatch {
  id: string;
  provider: WireModule['provider'];
  wire: WireModule;
  createdAt: number;
  endedAt?: number;
  state: BatchState;
  customIds: string[];
  /** Until the batch ends. */
  items?: BatchItem[];
  /** From the end until dropped; `undefined` after that (a read then gets a 404). */
  outcomes?: ItemOutcome[];
  /** Requests answered before an expiry; the rest never run. */
  expireAfter?: number;
  /** Whatever the wire module keeps beside it (OpenAI's file ids, Gemini's model). */
  extra: Record<string, unknown>;
}

export interface BatchStoreOptions {
  cache: PromptCache;
  /** Each answered request, as the online endpoint records its calls. */
  record(call: SimulatedCall): void;
  /** The online endpoint's persona tuning (issue 14), so batch answers vary the same way. */
  tune?: (promptText: string) => AnswerTuning | undefined;
}

export class BatchStore {
  private readonly batches = new Map<string, StoredBatch>();
  private readonly fetched: string[] = [];
  private readonly byCustomId = new Map<string, number>();
  private readonly counts = { requests: 0, submissions: 0, items: 0, byProvider: {} as Record<string, number> };
  private holding = false;
  private expireNext: number | undefined;
  private readonly failing = new Set<string>();
  private sequence = 0;

  constructor(private readonly options: BatchStoreOptions) {}

  create(wire: WireModule, items: BatchItem[], extra: Record<string, unknown> = {}): StoredBatch {
    this.sequence += 1;
    const id = `${this.sequence.toString(36).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
    const batch: StoredBatch = {
      id,
      provider: wire.provider,
      wire,
      createdAt: Date.now(),
      state: 'in_progress',
      customIds: items.map((item) => item.customId),
      items,
      extra,
      ...(this.expireNext !== undefined ? { expireAfter: this.expireNext } : {}),
    };
    this.expireNext = undefined;
    this.count(batch);
    this.batches.set(id, batch);
    this.evict();
    if (!this.holding) this.end(batch);
    return batch;
  }

  /** Counts one HTTP request to a batch endpoint. */
  countRequest(): void {
    this.counts.requests += 1;
  }

  get(id: string): StoredBatch | undefined {
    return this.batches.get(id);
  }

  /** The answers, marking the batch fetched (so they can be dropped later). */
  outcomes(batch: StoredBatch): ItemOutcome[] | undefined {
    if (batch.outcomes && !this.fetched.includes(batch.id)) {
      this.fetched.push(batch.id);
      while (this.fetched.length > KEEP_FETCHED) {
        const old = this.batches.get(this.fetched.shift() ?? '');
        if (old) delete old.outcomes;
      }
    }
    return batch.outcomes;
  }

  readonly control: SimulatorBatches = {
    hold: () => {
      this.holding = true;
    },
    release: () => {
      this.holding = false;
      for (const batch of this.batches.values()) if (batch.state === 'in_progress') this.end(batch);
    },
    held: () => [...this.batches.values()].filter((batch) => batch.state === 'in_progress').length,
    expireNext: (options) => {
      this.expireNext = Math.max(0, options?.answered ?? 0);
    },
    failItems: (customIds) => {
      for (const id of customIds) this.failing.add(id);
    },
    stats: (): BatchSubmissionStats => ({
      requests: this.counts.requests,
      submissions: this.counts.submissions,
      byProvider: { ...this.counts.byProvider },
      items: this.counts.items,
      byCustomId: new Map(this.byCustomId),
      maxPerCustomId: Math.max(0, ...this.byCustomId.values()),
    }),
  };

  private end(batch: StoredBatch): void {
    const items = batch.items ?? [];
    const limit = batch.expireAfter ?? items.length;
    batch.outcomes = items.map((item, index) =>
      index < limit ? this.answer(batch, item) : { customId: item.customId, run: false },
    );
    batch.state = batch.expireAfter === undefined ? 'ended' : 'expired';
    batch.endedAt = Date.now();
    delete batch.items;
  }

  /** The online endpoint's answer to one request of the batch. */
  private answer(batch: StoredBatch, item: BatchItem): ItemOutcome {
    const { wire } = batch;
    const requestId = `req_simbatch_${batch.id}_${item.customId}`;
    const fail = (kind: 'server500' | 'badRequest', message?: string): ItemOutcome => {
      const error = wire.error(kind, { requestId, ...(message ? { message } : {}) });
      return { customId: item.customId, run: true, status: error.status, body: error.body, requestId };
    };
    if (this.failing.delete(item.customId)) return fail('server500');
    let parsed;
    try {
      parsed = wire.parse(item.body, item.pathModel);
    } catch (error) {
      if (error instanceof BadRequest) return fail('badRequest', error.message);
      throw error;
    }
    const result = generateAnswer(parsed.schema, parsed.promptText, this.options.tune?.(parsed.promptText));
    const usage = this.options.cache.account(wire.provider, parsed, result.text);
    this.options.record({
      provider: wire.provider,
      model: parsed.model,
      path: `batch:${batch.id}`,
      body: item.body,
      promptText: parsed.promptText,
      attempt: this.byCustomId.get(item.customId) ?? 1,
      answerText: result.text,
    });
    return { customId: item.customId, run: true, status: 200, body: wire.success(parsed, result, usage, requestId), requestId };
  }

  private count(batch: StoredBatch): void {
    this.counts.submissions += 1;
    this.counts.items += batch.customIds.length;
    this.counts.byProvider[batch.provider] = (this.counts.byProvider[batch.provider] ?? 0) + 1;
    for (const id of batch.customIds) {
      const seen = this.byCustomId.get(id) ?? 0;
      this.byCustomId.delete(id);
      this.byCustomId.set(id, seen + 1);
    }
    while (this.byCustomId.size > MAX_CUSTOM_IDS) this.byCustomId.delete(this.byCustomId.keys().next().value ?? '');
  }

  /** The oldest ended batch goes first; batches in progress are kept. */
  private evict(): void {
    if (this.batches.size <= MAX_BATCHES) return;
    for (const [id, batch] of this.batches) {
      if (batch.state === 'in_progress') continue;
      this.batches.delete(id);
      if (this.batches.size <= MAX_BATCHES) return;
    }
  }
}
