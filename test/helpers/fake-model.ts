/** A `ChatModel` that records every request and answers from a queue: for panel and ask tests. */
import type { ChatModel, ChatRequest, ChatResult } from '../../src/providers/index.js';

export type FakeAnswer = string | Error | ((request: ChatRequest) => string | Error);

export interface FakeModel extends ChatModel {
  requests: ChatRequest[];
}

export function fakeModel(spec: string, answers: FakeAnswer[], usage = { inputTokens: 1000, outputTokens: 50, cachedInputTokens: 800 }): FakeModel {
  const [provider, ...rest] = spec.split(':');
  const queue = [...answers];
  const requests: ChatRequest[] = [];
  return {
    provider: provider as ChatModel['provider'],
    modelId: rest.join(':'),
    spec,
    requests,
    async generate(request: ChatRequest): Promise<ChatResult> {
      requests.push(request);
      const next = queue.length > 1 ? queue.shift() : queue[0];
      if (next === undefined) throw new Error(`fake model ${spec} has no answer queued`);
      const answer = typeof next === 'function' ? next(request) : next;
      if (answer instanceof Error) throw answer;
      return {
        text: answer,
        usage: { ...usage, cacheWriteInputTokens: 0, reasoningTokens: 0 },
        finishReason: { unified: 'stop', raw: 'stop' },
        warnings: [],
        responseId: `fake-${requests.length}`,
      };
    },
  };
}

export const personaAnswer = (score: number, verdict: 'ship' | 'skip', quote = `A specific quote at ${score}.`): string =>
  JSON.stringify({ score, verdict, quote });
