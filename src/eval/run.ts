/**
 * Asking the panel again on the eval set: each item's persona calls, built by the panel stage
 * from the frozen profile, page excerpt and notices, once with the current files and once with
 * the candidate ones. Nothing is saved: the engine here has no store.
 */
import pLimit from 'p-limit';
import type { Engine } from '../engine/index.js';
import { reviewAsPersona, type PanelInput } from '../panel/index.js';
import type { ChatModel } from '../providers/index.js';
import type { Failure, PersonaReview } from '../schemas.js';
import type { EvalItem } from './schemas.js';
import type { EvalSide, RerunChoice } from './sides.js';

export type Outcome = PersonaReview | Failure;

export interface SideAnswers {
  /** Review id → persona id → what the side's model answered (or its failure). */
  answers: Map<string, Map<string, Outcome>>;
  /** Candidate only: persona ids whose answers are the current side's, not asked again. */
  reused: ReadonlySet<string>;
  /** Model requests sent (each attempt, re-asks included). */
  calls: number;
}

/** The panel's input for one item on one side: the panel the side's files make. */
export function itemInput(item: EvalItem, side: EvalSide): PanelInput {
  return {
    profile: item.profile,
    pageExcerpt: item.pageExcerpt,
    notices: item.notices,
    personas: side.personas,
    models: side.models,
    template: side.templates.review,
  };
}

/** Counts every request a side sends, so each side's calls are its own. */
function counting(engine: Engine): { engine: Engine; count: () => number } {
  let calls = 0;
  const wrap = (model: ChatModel): ChatModel => ({
    provider: model.provider,
    modelId: model.modelId,
    spec: model.spec,
    generate: (request) => {
      calls++;
      return model.generate(request);
    },
  });
  return { engine: engine.withModelWrapper(wrap), count: () => calls };
}

export interface EvalRunDeps {
  engine: Engine;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs both sides over `items`, every call through one bound (`PANEL_CONCURRENCY`). Keys are
 * checked for every model before the first call.
 */
export async function runSides(
  items: readonly EvalItem[],
  sides: { current: EvalSide; candidate: EvalSide },
  choice: RerunChoice,
  deps: EvalRunDeps,
): Promise<{ current: SideAnswers; candidate: SideAnswers }> {
  const { engine } = deps;
  const asked = {
    current: sides.current.personas,
    candidate: sides.candidate.personas.filter((persona) => choice.personas.includes(persona.id)),
  };
  for (const side of ['current', 'candidate'] as const) {
    for (const persona of asked[side]) {
      const spec = sides[side].models.get(persona.id);
      if (spec != null) engine.requireKey(spec, `${persona.id}'s model (${side} side)`);
    }
  }
  const counters = { current: counting(engine), candidate: counting(engine) };
  const answers = { current: new Map<string, Map<string, Outcome>>(), candidate: new Map<string, Map<string, Outcome>>() };
  const limit = pLimit(engine.config.panelConcurrency);
  const total = items.length * (asked.current.length + asked.candidate.length);
  let done = 0;
  const jobs = items.flatMap((item) =>
    (['current', 'candidate'] as const).flatMap((side) => {
      const input = itemInput(item, sides[side]);
      const panelDeps = {
        createModel: counters[side].engine.model,
        ...engine.calls,
        concurrency: 1,
        threshold: item.shipThreshold,
        ...(deps.signal ? { signal: deps.signal } : {}),
      };
      return asked[side].map((persona) =>
        limit(async () => {
          const spec = sides[side].models.get(persona.id);
          const outcome: Outcome =
            spec == null
              ? { persona: persona.id, error: 'no model chosen for this persona' }
              : (await reviewAsPersona(input, persona, spec, panelDeps)).result;
          const perItem = answers[side].get(item.reviewId) ?? new Map<string, Outcome>();
          perItem.set(persona.id, outcome);
          answers[side].set(item.reviewId, perItem);
          deps.onProgress?.(++done, total);
        }),
      );
    }),
  );
  await Promise.all(jobs);
  // A reused persona's candidate answer is the current one (same file, same model).
  for (const item of items) {
    const current = answers.current.get(item.reviewId);
    const candidate = answers.candidate.get(item.reviewId) ?? new Map<string, Outcome>();
    for (const id of choice.reused) {
      const outcome = current?.get(id);
      if (outcome != null) candidate.set(id, outcome);
    }
    answers.candidate.set(item.reviewId, candidate);
  }
  return {
    current: { answers: answers.current, reused: new Set(), calls: counters.current.count() },
    candidate: { answers: answers.candidate, reused: new Set(choice.reused), calls: counters.candidate.count() },
  };
}
