/** The eval report and plan as text: per persona, the current and candidate columns side by side. */
import { terminalLine } from '../terminal-text.js';
import type { EvalPlan, EvalReport, PersonaEval, SideFigures } from './schemas.js';

const short = (hash: string): string => `${hash.slice(0, 19)}…`;
const percent = (value: number | null): string => (value == null ? '—' : `${Math.round(value * 100)}%`);
const fixed = (value: number | null, places = 2): string => (value == null ? '—' : value.toFixed(places));
const signed = (value: number | null, places = 1): string => (value == null ? '—' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(places)}`);
const usd = (value: number): string => `$${value.toFixed(value < 0.01 ? 5 : 4)}`;

function row(label: string, current: string, candidate: string, change = ''): string {
  return `  ${label.padEnd(24)}${current.padStart(10)}  ${candidate.padStart(10)}  ${change}`.trimEnd();
}

function kappaCell(figures: SideFigures | null): string {
  if (figures == null) return '—';
  return figures.kappaSe == null ? fixed(figures.kappa) : `${fixed(figures.kappa)}±${fixed(figures.kappaSe, 2)}`;
}

function personaBlock(persona: PersonaEval): string[] {
  const current = persona.current;
  const candidate = persona.candidate;
  const state = persona.candidateAnswers === 'reused' ? 'reused: file unchanged' : persona.candidateAnswers === 'absent' ? 'not in the candidate files' : 're-run';
  const lines = [
    `${terminalLine(persona.name)} (${state}) · ${persona.approvedItems} approved verdicts, ${persona.editorChanged} changed by editors`,
    row('', 'current', 'candidate', 'change'),
    row('κ vs approved (±SE)', kappaCell(current), kappaCell(candidate), signed(persona.kappaChange, 2)),
    row('agreement', percent(current?.agreement ?? null), percent(candidate?.agreement ?? null)),
    row('ship rate', percent(current?.shipRate ?? null), percent(candidate?.shipRate ?? null)),
    row('mean score', fixed(current?.meanScore ?? null, 1), fixed(candidate?.meanScore ?? null, 1)),
    row('score − approved', signed(current?.shiftVsApproved ?? null), signed(candidate?.shiftVsApproved ?? null)),
    row('answered / failed', `${current?.answered ?? 0}/${current?.failures ?? 0}`, `${candidate?.answered ?? 0}/${candidate?.failures ?? 0}`),
  ];
  const shift = persona.scoreShift;
  lines.push(`  flips: ${persona.flips} of ${persona.paired} paired items` + (shift == null ? '' : ` · score shift candidate − current ${signed(shift.mean)}${shift.low == null || shift.high == null ? '' : ` [95% ${signed(shift.low)}, ${signed(shift.high)}]`}`));
  return lines;
}

export function formatEvalReport(report: EvalReport): string {
  const { set, rerun, cost } = report;
  const dir = (value: string | null, fallback: string): string => (value == null ? fallback : terminalLine(value));
  const lines = [
    `Eval set ${short(set.hash)} from ${terminalLine(set.source)}: ${set.items} approved reviews${set.simulated > 0 ? ` (${set.simulated} simulated)` : ''}; ran ${set.used}${set.used < set.items ? ` (${short(set.usedHash)})` : ''}`,
    `Current: personas/ and prompts/ · Candidate: ${dir(report.files.candidate.personasDir, 'personas/')} and ${dir(report.files.candidate.promptsDir, 'prompts/')}`,
    `Candidate side: ${rerun.why}`,
    '',
    ...report.personas.flatMap((persona) => [...personaBlock(persona), '']),
    `Cost: current ${usd(cost.current.costUsd)} in ${cost.current.calls} calls (${cost.current.failures} failed) · candidate ${usd(cost.candidate.costUsd)} in ${cost.candidate.calls} calls (${cost.candidate.failures} failed)`,
    ...[...cost.current.unpriced, ...cost.candidate.unpriced].map((model) => `  unpriced (not in the cost): ${model}`),
    ...report.notes.map((note) => `Note: ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatEvalPlan(plan: EvalPlan): string {
  const side = (name: string, planned: EvalPlan['current']): string[] => [
    `${name}: ${planned.calls} calls, ~${usd(planned.costUsd)}`,
    ...planned.byPersona.map((each) => `  ${each.persona.padEnd(12)} ${String(each.calls).padStart(5)} calls  ${each.model}  ${each.costUsd == null ? 'unpriced' : `~${usd(each.costUsd)}`}`),
  ];
  const lines = [
    `Dry run: nothing is called. Eval set ${short(plan.set.hash)} from ${terminalLine(plan.set.source)}: ${plan.set.used} of ${plan.set.items} items`,
    `Candidate side: ${plan.rerun.why}`,
    ...side('Current side', plan.current),
    ...side('Candidate side', plan.candidate),
    `Total: ${plan.calls} calls, estimated ~${usd(plan.costUsd)}`,
    ...(plan.missingKeys.length > 0 ? [`Missing keys: ${plan.missingKeys.join(', ')}`] : []),
    ...plan.notes.map((note) => `Note: ${note}`),
  ];
  return `${lines.join('\n')}\n`;
}
