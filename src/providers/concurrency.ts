/**
 * Per-provider bounds on calls in flight, shared by the whole process: every panel, the profile
 * and every tool of a batch draw from one gate per provider and server, so a local server with
 * few slots is never sent more than it can answer (see `Config.providerConcurrency`).
 *
 * A gate holds one attempt: a retry's backoff or a re-ask's turn gives the slot back. The wait
 * for a slot is outside the call's deadline (which starts in the adapter), so queued calls do
 * not time out for having queued.
 */
import { ProviderError } from '../errors.js';
import type { ChatModel, ChatRequest, ChatResult } from './model.js';

export class CallGate {
  readonly limit: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Calls holding a slot now. */
  get inFlight(): number {
    return this.active;
  }

  /** Calls waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves once a slot is free (FIFO); rejects when `signal` fires first. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    // The slot was handed over by `release`, already counted.
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // Handing the slot over directly keeps a newcomer from overtaking the queue.
      if (next) next();
      else this.active--;
    };
  }
}

/**
 * `model`, with each attempt waiting for a slot of `gate` first. Its batch interface (if any)
 * passes through ungated: a batch is a few short exchanges, not a model running.
 */
export function gateModel(model: ChatModel, gate: CallGate): ChatModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    spec: model.spec,
    ...(model.batch ? { batch: model.batch } : {}),
    async generate(request: ChatRequest): Promise<ChatResult> {
      let release: () => void;
      try {
        release = await gate.acquire(request.signal);
      } catch (error) {
        throw new ProviderError(`${model.provider} ${model.modelId}: request aborted`, {
          kind: 'timeout',
          retryable: false,
          cause: error,
        });
      }
      try {
        return await model.generate(request);
      } finally {
        release();
      }
    },
  };
}
