/**
 * One `ChatModel` per `provider:model` for the life of an engine. Building an adapter builds
 * its SDK client (about 1 ms of CPU, and a new connection pool); the profile and two personas
 * often share a model, and a batch reviews thousands of tools on the same few.
 */
import type { ChatModel } from '../providers/index.js';

export interface ModelPool {
  get(spec: string): ChatModel;
  /** A pool over this one whose models pass once through `wrap`; the underlying ones are shared. */
  wrapped(wrap: (model: ChatModel) => ChatModel): ModelPool;
}

export function createModelPool(build: (spec: string) => ChatModel): ModelPool {
  const models = new Map<string, ChatModel>();
  const pool: ModelPool = {
    get(spec) {
      let model = models.get(spec);
      if (model == null) {
        // A spec that cannot be built (unknown provider) throws here and is not kept.
        model = build(spec);
        models.set(spec, model);
      }
      return model;
    },
    wrapped: (wrap) => createModelPool((spec) => wrap(pool.get(spec))),
  };
  return pool;
}
