/** Realistic inputs shared by the template tests: the Model Fusion profile from the reference page. */
import type { IntakeSource, ToolProfile } from '../../src/schemas.js';

export const fusionProfile: ToolProfile = {
  name: 'OpenRouter Model Fusion',
  tagline: 'Run a prompt through multiple LLMs simultaneously and fuse the best answer into one',
  description:
    'OpenRouter Model Fusion is an experimental feature from OpenRouter Labs that runs a single prompt through ' +
    'multiple LLMs in parallel and uses a configurable judge model to synthesize the best aspects of each ' +
    'response into one unified answer. Developers specify a "fusion pool" and a judge model that evaluates and ' +
    'merges their outputs. It supports three fusion modes: best-of, merge and debate. Latency is the obvious ' +
    'tradeoff, since you wait for the slowest model in the pool. The feature is experimental but available to any ' +
    'OpenRouter user with an API key, and lowers the barrier for multi-model consensus that previously required ' +
    'custom orchestration code.',
  category: 'Developer Tools',
  pricing: { entry: 'Paid', detail: 'Pay-per-token (per model in fusion pool)' },
  bestFor: 'Run a prompt through multiple LLMs simultaneously and fuse the best answer into one',
  vendor: 'OpenRouter',
  url: 'https://openrouter.ai/labs/fusion',
  links: { docs: 'https://openrouter.ai/docs/fusion', homepage: 'https://openrouter.ai' },
  facts: { status: 'experimental', launched: '2026-04' },
};

/** A page of about 1,400 characters: a short landing page, the hard case for the cache share. */
export const shortPage =
  'Model Fusion (Labs). Send one prompt, get the best of many models. Pick a fusion pool of two to five ' +
  'models, choose a judge, and choose a mode: best-of returns the strongest single answer, merge combines ' +
  'complementary parts, debate lets the models challenge each other before the judge decides. Requests are ' +
  'dispatched in parallel, so you wait for the slowest model in the pool rather than the sum of them. Billing ' +
  'is per token for every model in the pool plus the judge. Fusion is experimental: modes and parameters may ' +
  'change. Use the same API key and the same chat completions endpoint; set model to "fusion" and pass the ' +
  'pool and judge in the request. Works with any model on OpenRouter. Example use cases: high-stakes code ' +
  'review, research synthesis, creative briefs where different models bring different strengths. Limits: up ' +
  'to five models per pool; streaming returns the judged answer only. Feedback welcome in our Discord.';

export function fusionSource(overrides: Partial<IntakeSource> = {}): IntakeSource {
  return {
    kind: 'html',
    target: 'https://openrouter.ai/labs/fusion',
    url: 'https://openrouter.ai/labs/fusion',
    title: 'Model Fusion | OpenRouter Labs',
    description: 'Run a prompt through multiple LLMs and fuse the best answer into one.',
    text: shortPage,
    truncated: false,
    facts: { status: 'experimental' },
    links: { docs: 'https://openrouter.ai/docs/fusion' },
    known: {},
    flags: [],
    ...overrides,
  };
}
