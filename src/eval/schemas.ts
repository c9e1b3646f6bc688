/**
 * The eval stage's two documents, defined once: the frozen eval set (a file `eval freeze`
 * writes and `eval --set` reads back) and the report (`eval --json`). Kept in the stage, like
 * publish's site schemas, because nothing else reads them.
 */
import { z } from 'zod';
import { ToolProfile, Verdict } from '../schemas.js';

/** One persona's approved answer: the revision in force when the review was approved. */
export const ApprovedVerdict = z.object({
  persona: z.string(),
  score: z.number().int().min(0).max(100),
  verdict: Verdict,
  /** 'editor' when an editor wrote the answer in force. */
  source: z.enum(['model', 'editor']),
  /** What the model first said (revision 1), when it answered: editors' changes are visible. */
  modelScore: z.number().int().min(0).max(100).nullable(),
  modelVerdict: Verdict.nullable(),
});
export type ApprovedVerdict = z.infer<typeof ApprovedVerdict>;

/** One approved review as the panel saw it, with what the editors approved. */
export const EvalItem = z.object({
  reviewId: z.string(),
  slug: z.string(),
  createdAt: z.string(),
  simulated: z.boolean(),
  /** The ship line the review's panel used. */
  shipThreshold: z.number(),
  /** As published: editors' profile edits applied. */
  profile: ToolProfile,
  /** The page text the panel saw (`store.pageExcerpt`); null when none was kept. */
  pageExcerpt: z.string().nullable(),
  /** The shared-prefix notices the panel saw (a page flagged for prompt injection). */
  notices: z.array(z.string()),
  approved: z.array(ApprovedVerdict),
});
export type EvalItem = z.infer<typeof EvalItem>;

export const EVAL_SET_KIND = 'ship-or-skip/eval-set';

export const EvalSet = z.object({
  kind: z.literal(EVAL_SET_KIND),
  schemaVersion: z.literal(1),
  frozenAt: z.string(),
  /** `sha256:` of the canonical JSON of `items`: equal hashes, equal sets. */
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  includeSimulated: z.boolean(),
  items: z.array(EvalItem),
});
export type EvalSet = z.infer<typeof EvalSet>;

/** Agreement of one side's verdicts with the approved ones, over the items it answered. */
export const SideFigures = z.object({
  /** Items with an approved verdict for this persona that the side answered. */
  answered: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  kappa: z.number().nullable(),
  /** Cohen's large-sample standard error of κ (rough below a few dozen items). */
  kappaSe: z.number().nullable(),
  agreement: z.number().nullable(),
  shipRate: z.number().nullable(),
  meanScore: z.number().nullable(),
  /** Mean of (this side's score − approved score). */
  shiftVsApproved: z.number().nullable(),
});
export type SideFigures = z.infer<typeof SideFigures>;

export const PersonaEval = z.object({
  persona: z.string(),
  name: z.string(),
  /** Candidate side re-run for this persona, or its current answers reused (file unchanged). */
  candidateAnswers: z.enum(['asked', 'reused', 'absent']),
  inCurrent: z.boolean(),
  /** Items with an approved verdict for this persona. */
  approvedItems: z.number().int().nonnegative(),
  editorChanged: z.number().int().nonnegative(),
  current: SideFigures.nullable(),
  candidate: SideFigures.nullable(),
  /** Items both sides answered. */
  paired: z.number().int().nonnegative(),
  /** Paired items whose candidate verdict differs from the current one. */
  flips: z.number().int().nonnegative(),
  flipped: z.array(z.object({ reviewId: z.string(), slug: z.string(), current: Verdict, candidate: Verdict })),
  /** Mean, SD and a normal 95% interval of (candidate − current) score over the paired items. */
  scoreShift: z.object({ mean: z.number(), sd: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() }).nullable(),
  /** κ(candidate) − κ(current), both against the approved verdicts. */
  kappaChange: z.number().nullable(),
});
export type PersonaEval = z.infer<typeof PersonaEval>;

export const SideCost = z.object({
  costUsd: z.number().nonnegative(),
  /** Model requests sent (re-asks and retries included); reused answers cost none. */
  calls: z.number().int().nonnegative(),
  answers: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  unpriced: z.array(z.string()),
});

const Files = z.object({ personas: z.record(z.string(), z.string()), prompts: z.string(), personasDir: z.string().nullable(), promptsDir: z.string().nullable() });

export const EvalReport = z.object({
  kind: z.literal('ship-or-skip/eval-report'),
  schemaVersion: z.literal(1),
  set: z.object({
    hash: z.string(),
    source: z.string(),
    items: z.number().int().nonnegative(),
    used: z.number().int().nonnegative(),
    usedHash: z.string(),
    simulated: z.number().int().nonnegative(),
  }),
  files: z.object({ current: Files, candidate: Files }),
  rerun: z.object({ mode: z.enum(['changed', 'all']), personas: z.array(z.string()), reused: z.array(z.string()), why: z.string() }),
  models: z.object({ current: z.record(z.string(), z.string()), candidate: z.record(z.string(), z.string()) }),
  personas: z.array(PersonaEval),
  cost: z.object({ current: SideCost, candidate: SideCost }),
  notes: z.array(z.string()),
});
export type EvalReport = z.infer<typeof EvalReport>;

const PlannedSide = z.object({
  calls: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  byPersona: z.array(z.object({ persona: z.string(), model: z.string(), calls: z.number().int().nonnegative(), costUsd: z.number().nonnegative().nullable() })),
});

/** `eval --dry-run`: the calls each side would send, estimated like `review --dry-run`. */
export const EvalPlan = z.object({
  kind: z.literal('ship-or-skip/eval-plan'),
  schemaVersion: z.literal(1),
  set: z.object({ hash: z.string(), source: z.string(), items: z.number().int().nonnegative(), used: z.number().int().nonnegative() }),
  rerun: z.object({ mode: z.enum(['changed', 'all']), personas: z.array(z.string()), reused: z.array(z.string()), why: z.string() }),
  current: PlannedSide,
  candidate: PlannedSide,
  calls: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  unpriced: z.array(z.string()),
  missingKeys: z.array(z.string()),
  notes: z.array(z.string()),
});
export type EvalPlan = z.infer<typeof EvalPlan>;
