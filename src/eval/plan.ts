/**
 * `eval --dry-run`: the persona calls each side would send, built by the panel stage's
 * `personaRequest` from the frozen items (the prompts a run sends, to the byte) and priced like
 * `review --dry-run`. Calls no model.
 */
import { personaRequest } from '../panel/index.js';
import { costOf, findRate, type PriceTable } from '../providers/index.js';
import { estimateTokens, EXPECTED_OUTPUT_TOKENS, requestText } from '../review/index.js';
import { itemInput } from './run.js';
import type { EvalItem, EvalPlan, EvalSet } from './schemas.js';
import type { EvalSide, RerunChoice } from './sides.js';

type PlannedSide = EvalPlan['current'];

function planSide(items: readonly EvalItem[], side: EvalSide, asked: ReadonlySet<string>, prices: PriceTable, timeoutMs: number): PlannedSide {
  const byPersona = new Map<string, PlannedSide['byPersona'][number]>();
  // The every-tool prefix (system text, roster, scoring rule) is the same for every call of a
  // side on one model: read from the cache after that model's first call.
  const warmed = new Set<string>();
  for (const item of items) {
    const input = itemInput(item, side);
    for (const persona of side.personas) {
      const model = side.models.get(persona.id);
      if (!asked.has(persona.id) || model == null) continue;
      const request = personaRequest(input, persona, { threshold: item.shipThreshold, timeoutMs });
      const inputTokens = estimateTokens(request.system + requestText(request.messages));
      const cachedInputTokens = warmed.has(model) ? estimateTokens(request.system + (request.messages[0]?.parts[0]?.text ?? '')) : 0;
      warmed.add(model);
      const cost = costOf(findRate(prices, model), {
        inputTokens,
        cachedInputTokens,
        cacheWriteInputTokens: 0,
        reasoningTokens: 0,
        outputTokens: EXPECTED_OUTPUT_TOKENS.persona,
      });
      const row = byPersona.get(persona.id) ?? { persona: persona.id, model, calls: 0, costUsd: 0 };
      row.calls++;
      row.costUsd = cost === undefined || row.costUsd == null ? null : row.costUsd + cost;
      byPersona.set(persona.id, row);
    }
  }
  const rows = [...byPersona.values()].map((row) => ({ ...row, costUsd: row.costUsd == null ? null : Math.round(row.costUsd * 1e6) / 1e6 }));
  return {
    calls: rows.reduce((sum, row) => sum + row.calls, 0),
    costUsd: Math.round(rows.reduce((sum, row) => sum + (row.costUsd ?? 0), 0) * 1e6) / 1e6,
    byPersona: rows,
  };
}

export interface PlanInput {
  set: EvalSet;
  source: string;
  items: readonly EvalItem[];
  sides: { current: EvalSide; candidate: EvalSide };
  choice: RerunChoice;
  prices: PriceTable;
  timeoutMs: number;
}

export function planEval({ set, source, items, sides, choice, prices, timeoutMs }: PlanInput): EvalPlan {
  const current = planSide(items, sides.current, new Set(sides.current.personas.map((persona) => persona.id)), prices, timeoutMs);
  const candidate = planSide(items, sides.candidate, new Set(choice.personas), prices, timeoutMs);
  const unpriced = [...new Set([...current.byPersona, ...candidate.byPersona].filter((row) => row.costUsd == null).map((row) => row.model))];
  const notes = [
    'an estimate: ~4 characters a token, ~110 output tokens a call, no re-asks or retries',
    ...(unpriced.length > 0 ? [`no price in data/prices.json for ${unpriced.join(', ')}`] : []),
  ];
  return {
    kind: 'ship-or-skip/eval-plan',
    schemaVersion: 1,
    set: { hash: set.hash, source, items: set.items.length, used: items.length },
    rerun: choice,
    current,
    candidate,
    calls: current.calls + candidate.calls,
    costUsd: Math.round((current.costUsd + candidate.costUsd) * 1e6) / 1e6,
    unpriced,
    missingKeys: [...new Set([...sides.current.missingKeys, ...sides.candidate.missingKeys])],
    notes,
  };
}
