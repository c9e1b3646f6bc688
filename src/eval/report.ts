/**
 * The eval report from the two sides' answers (pure): per persona, each side's agreement with
 * the approved verdicts (κ and raw), ship rate, mean score and shift against the approved
 * scores; between the sides, flips and the paired score shift; and each side's cost.
 */
import { sumUsage } from '../providers/index.js';
import { isAnswer } from '../store/index.js';
import type { PersonaReview } from '../schemas.js';
import { cohensKappa, mean, sd } from '../stats/index.js';
import type { Outcome, SideAnswers } from './run.js';
import type { EvalItem, EvalReport, EvalSet, PersonaEval, SideFigures } from './schemas.js';
import type { EvalSide, RerunChoice } from './sides.js';
import { hashItems } from './freeze.js';
import { personaVersions } from '../templates/index.js';

/** Below this many paired items a figure is reported with a note that it is rough. */
export const FEW_ITEMS = 30;

const round = (value: number | null, places = 4): number | null => (value == null ? null : Math.round(value * 10 ** places) / 10 ** places);

function outcomeOf(side: SideAnswers, item: EvalItem, persona: string): Outcome | undefined {
  return side.answers.get(item.reviewId)?.get(persona);
}

function sideFigures(items: readonly EvalItem[], side: SideAnswers, persona: string): SideFigures {
  const pairs: Array<{ answer: PersonaReview; approvedScore: number; approvedVerdict: string }> = [];
  let failures = 0;
  for (const item of items) {
    const approved = item.approved.find((each) => each.persona === persona);
    const outcome = outcomeOf(side, item, persona);
    if (approved == null || outcome == null) continue;
    if (!isAnswer(outcome)) failures++;
    else pairs.push({ answer: outcome, approvedScore: approved.score, approvedVerdict: approved.verdict });
  }
  const kappa = cohensKappa(pairs.map((pair) => pair.answer.verdict), pairs.map((pair) => pair.approvedVerdict));
  return {
    answered: pairs.length,
    failures,
    kappa: round(kappa?.kappa ?? null),
    kappaSe: round(kappa?.standardError ?? null),
    agreement: round(kappa?.observed ?? null),
    shipRate: round(mean(pairs.map((pair) => (pair.answer.verdict === 'ship' ? 1 : 0)))),
    meanScore: round(mean(pairs.map((pair) => pair.answer.score)), 2),
    shiftVsApproved: round(mean(pairs.map((pair) => pair.answer.score - pair.approvedScore)), 2),
  };
}

function personaEval(
  items: readonly EvalItem[],
  persona: { id: string; name: string },
  sides: { current: EvalSide; candidate: EvalSide },
  answers: { current: SideAnswers; candidate: SideAnswers },
  choice: RerunChoice,
): PersonaEval {
  const inCurrent = sides.current.personas.some((each) => each.id === persona.id);
  const inCandidate = sides.candidate.personas.some((each) => each.id === persona.id);
  const withApproved = items.filter((item) => item.approved.some((each) => each.persona === persona.id));
  const flipped: PersonaEval['flipped'] = [];
  const shifts: number[] = [];
  for (const item of items) {
    const current = outcomeOf(answers.current, item, persona.id);
    const candidate = outcomeOf(answers.candidate, item, persona.id);
    if (current == null || candidate == null || !isAnswer(current) || !isAnswer(candidate)) continue;
    shifts.push(candidate.score - current.score);
    if (candidate.verdict !== current.verdict) flipped.push({ reviewId: item.reviewId, slug: item.slug, current: current.verdict, candidate: candidate.verdict });
  }
  const currentFigures = inCurrent ? sideFigures(items, answers.current, persona.id) : null;
  const candidateFigures = inCandidate ? sideFigures(items, answers.candidate, persona.id) : null;
  const shiftMean = mean(shifts);
  const shiftSd = sd(shifts);
  // A normal 95% interval of the mean paired shift: about right from ~30 pairs on.
  const half = shiftSd == null ? null : (1.96 * shiftSd) / Math.sqrt(shifts.length);
  const kappas = [currentFigures?.kappa, candidateFigures?.kappa];
  return {
    persona: persona.id,
    name: persona.name,
    candidateAnswers: !inCandidate ? 'absent' : choice.reused.includes(persona.id) ? 'reused' : 'asked',
    inCurrent,
    approvedItems: withApproved.length,
    editorChanged: withApproved.filter((item) => {
      const approved = item.approved.find((each) => each.persona === persona.id);
      return approved?.modelVerdict != null && approved.modelVerdict !== approved.verdict;
    }).length,
    current: currentFigures,
    candidate: candidateFigures,
    paired: shifts.length,
    flips: flipped.length,
    flipped,
    scoreShift:
      shiftMean == null
        ? null
        : { mean: round(shiftMean, 2) as number, sd: round(shiftSd, 2), low: round(half == null ? null : shiftMean - half, 2), high: round(half == null ? null : shiftMean + half, 2) },
    kappaChange: kappas[0] != null && kappas[1] != null ? round(kappas[1] - kappas[0]) : null,
  };
}

function sideCost(side: SideAnswers) {
  const outcomes = [...side.answers.values()].flatMap((perItem) => [...perItem].filter(([persona]) => !side.reused.has(persona)).map(([, outcome]) => outcome));
  const usage = sumUsage(outcomes.flatMap((outcome) => (outcome.usage ? [outcome.usage] : [])));
  return {
    costUsd: round(usage.costUsd, 6) as number,
    calls: side.calls,
    answers: outcomes.filter(isAnswer).length,
    failures: outcomes.filter((outcome) => !isAnswer(outcome)).length,
    unpriced: usage.unpriced ?? [],
  };
}

const files = (side: EvalSide) => ({
  personas: personaVersions(side.personas),
  prompts: side.templates.review.version,
  personasDir: side.personasDir,
  promptsDir: side.promptsDir,
});

export interface ReportInput {
  set: EvalSet;
  source: string;
  items: readonly EvalItem[];
  sides: { current: EvalSide; candidate: EvalSide };
  choice: RerunChoice;
  answers: { current: SideAnswers; candidate: SideAnswers };
}

export function buildReport({ set, source, items, sides, choice, answers }: ReportInput): EvalReport {
  const roster = [...sides.candidate.personas, ...sides.current.personas.filter((persona) => !sides.candidate.personas.some((each) => each.id === persona.id))];
  const personas = roster.map((persona) => personaEval(items, persona, sides, answers, choice));
  const notes: string[] = [];
  if (items.length < FEW_ITEMS) {
    notes.push(`only ${items.length} item${items.length === 1 ? '' : 's'}: κ and the score shift are rough below ${FEW_ITEMS} (see the README's "Evals for prompt changes")`);
  }
  const simulated = set.items.filter((item) => item.simulated).length;
  const simulatedUsed = items.filter((item) => item.simulated).length;
  if (simulatedUsed > 0) notes.push(`${simulatedUsed} of the ${items.length} items are simulated reviews (--include-simulated): their approved verdicts came from the simulator`);
  return {
    kind: 'ship-or-skip/eval-report',
    schemaVersion: 1,
    set: { hash: set.hash, source, items: set.items.length, used: items.length, usedHash: hashItems(items), simulated },
    files: { current: files(sides.current), candidate: files(sides.candidate) },
    rerun: choice,
    models: { current: Object.fromEntries(sides.current.models), candidate: Object.fromEntries(sides.candidate.models) },
    personas,
    cost: { current: sideCost(answers.current), candidate: sideCost(answers.candidate) },
    notes,
  };
}
