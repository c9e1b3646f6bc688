/**
 * The editor web page's test bench: a temp database with realistic drafts, a desk and the app
 * over it (fixed clock, fake models for regenerate), and helpers to post forms the way a
 * browser does (session cookie, CSRF token, same Origin).
 */
import path from 'node:path';
import { assembleEngine } from '../../src/engine/index.js';
import { aggregateVerdict } from '../../src/aggregate/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDesk, type Desk, type EditorApp } from '../../src/editor/index.js';
import { createEditorApp } from '../../src/editor/app.js';
import type { ChatModel } from '../../src/providers/index.js';
import type { ReviewContext } from '../../src/review/index.js';
import type { Failure, PersonaReview, Review } from '../../src/schemas.js';
import { openStore, type Store } from '../../src/store/index.js';
import { fakeModel, personaAnswer } from '../helpers/fake-model.js';
import { sampleReview, tempDir } from '../store/sample-review.js';
import { TOOLS, type ToolSpec } from './web-tools.js';

export { TOOLS };

export const XSS = '<script>alert(1)</script>';
export const ATTRIBUTE_BREAKER = '" onmouseover="x';
export const ORIGIN = 'http://localhost';

const MODELS: Record<string, string> = {
  builder: 'openai:gpt-5.4-mini',
  skeptic: 'anthropic:claude-haiku-5-5',
  futurist: 'google:gemini-3.5-flash',
  creator: 'openai:gpt-5.4-mini',
};

/** Deterministic ids: `0000000N-…` so each draft's short id is readable in a failure. */
export const draftId = (index: number): string => `${String(index + 1).padStart(8, '0')}-0000-4000-8000-0000000000${String(index + 10)}`;

export function draftFrom(spec: ToolSpec, index: number, overrides: Partial<Review> = {}): Review {
  const base = sampleReview();
  const names = ['builder', 'skeptic', 'futurist', 'creator'] as const;
  const reviews: PersonaReview[] = [];
  const failures: Failure[] = [];
  names.forEach((persona, slot) => {
    const score = spec.scores[slot];
    const model = MODELS[persona] as string;
    if (score == null) {
      failures.push({ persona, model, error: 'timeout after 90000 ms (3 attempts)' });
      return;
    }
    reviews.push({
      ...(base.reviews[slot] as PersonaReview),
      persona,
      name: persona.charAt(0).toUpperCase() + persona.slice(1),
      score,
      verdict: score >= 50 ? 'ship' : 'skip',
      quote: spec.quotes[slot] as string,
      model,
    });
  });
  return {
    ...base,
    id: draftId(index),
    createdAt: new Date(Date.UTC(2026, 2, 1, 8, index)).toISOString(),
    tool: {
      ...base.tool,
      name: spec.name,
      tagline: spec.tagline,
      category: spec.category,
      pricing: { entry: spec.entry, detail: spec.pricing },
      bestFor: spec.tagline,
      description: spec.description,
      url: spec.url,
      links: {},
    },
    reviews,
    failures,
    panel: aggregateVerdict(reviews, 4),
    flags: spec.flags ?? [],
    ...overrides,
  };
}

/** A draft whose every piece of model and page text carries the XSS payloads. */
export function hostileDraft(): Review {
  const spec = TOOLS[0] as ToolSpec;
  const evil = `${XSS}${ATTRIBUTE_BREAKER}`;
  const review = draftFrom(spec, 10, { id: 'e0e0e0e0-0000-4000-8000-000000000666' });
  return {
    ...review,
    tool: {
      ...review.tool,
      name: `Evil ${evil}`,
      tagline: evil,
      description: evil,
      category: evil,
      bestFor: evil,
      vendor: evil,
      pricing: { entry: 'Paid', detail: evil },
      url: `javascript:alert(1)//${ATTRIBUTE_BREAKER}`,
      links: { docs: `https://evil.example/${ATTRIBUTE_BREAKER}${XSS}` },
      facts: { [evil]: evil },
    },
    reviews: review.reviews.map((entry) => ({ ...entry, quote: `${entry.name} says ${evil}`, model: `openai:${evil}` })),
    flags: [{ kind: 'prompt-injection', detail: evil, snippet: `ignore previous instructions ${evil}` }],
  };
}

export interface WebBench {
  dbPath: string;
  store: Store;
  desk: Desk;
  app: EditorApp;
  config: Readonly<Config>;
  /** Specs the fake models were created for, in order. */
  modelCalls: string[];
  cleanup(): void;
}

/** A fresh temp database holding `drafts`, the desk and the app over it. */
export function webBench(
  context: ReviewContext,
  drafts: Review[],
  options: { token?: string; env?: Record<string, string>; answer?: string } = {},
): WebBench {
  const temp = tempDir();
  const dbPath = path.join(temp.dir, 'panel.db');
  const store = openStore(dbPath, { now: () => new Date('2026-03-01T10:00:00.000Z') });
  for (const draft of drafts) store.saveDraft(draft, { pageExcerpt: `${draft.tool.name}: the page text the panel read.` });
  const config = loadConfig({ OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', GEMINI_API_KEY: 'k', PANEL_MAX_RETRIES: '0', ...options.env });
  let tick = 0;
  const desk = createDesk(store, { threshold: 50, personas: context.personas, now: () => new Date(Date.UTC(2026, 2, 2, 9, 0, tick++)) });
  const modelCalls: string[] = [];
  const createModel = (spec: string): ChatModel => {
    modelCalls.push(spec);
    return fakeModel(spec, [options.answer ?? personaAnswer(66, 'ship', 'On a second read, the judge model earns its keep.')]);
  };
  const app = createEditorApp({ desk, engine: assembleEngine(config, context, { store, createModel }), ...(options.token ? { token: options.token } : {}) });
  return {
    dbPath,
    store,
    desk,
    app,
    config,
    modelCalls,
    cleanup: () => {
      store.close();
      temp.cleanup();
    },
  };
}

export const tenDrafts = (): Review[] => TOOLS.map((spec, index) => draftFrom(spec, index));
