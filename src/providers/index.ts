/** The providers stage's public surface: the model contract, model choice, asking, pricing. */
export type { ChatModel, ChatRequest, ChatResult, ChatMessage, MessagePart, TokenUsage } from './model.js';
export { emptyTokenUsage, addTokenUsage } from './model.js';
export { askStructured, validateAnswer, jsonSchemaOf, type AskResult, type AskOptions } from './ask.js';
export { withRetries, retryDelayMs, sleep, type RetryPolicy, type RetryHooks } from './retry.js';
export { loadPriceTable, priceUsage, sumUsage, zeroUsage, findRate, costOf, type PriceTable } from './pricing.js';
export { batchRate, loadBatchDiscounts, type BatchDiscount, type BatchDiscounts, type PriceOptions } from './pricing.js';
export {
  parseModelSpec,
  chooseModels,
  createModel,
  callGate,
  loadModelDefaults,
  type ModelConfig,
  type ModelChoice,
  type ModelDefaults,
} from './registry.js';
export { CallGate } from './concurrency.js';
export { timeoutDispatcher, fetchWithTimeouts } from './http-timeouts.js';
export { unexpectedErrorLine } from './adapter-errors.js';
export { rawSdkSender } from './sdk-floor.js';
