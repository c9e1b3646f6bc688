/** The editor's desk: its options, what its views return, and the `Desk` contract itself. */
import type { Engine } from '../engine/index.js';
import type { Failure, PersonaReview, Review, Verdict } from '../schemas.js';
import type { ReviewState, ReviewStatus, ReviewSummary, RevisionSource } from '../store/index.js';
import type { GroundingView } from './claims-view.js';
import type { ReviewChanges } from '../freshness/index.js';

export interface DeskOptions {
  /**
   * Not used by the checks any more: every review is checked against the ship line its panel
   * used (`review.shipThreshold`, else DEFAULT_SHIP_THRESHOLD), never today's config. Kept so
   * existing callers compile.
   */
  threshold?: number;
  /** The clock for decision and revision times; tests pass a fixed one. */
  now?: () => Date;
  /**
   * Display names of the panel's personas, for a persona an editor writes after its model
   * failed (a failure carries no name). Default: the id with a capital (`skeptic` → `Skeptic`).
   */
  personas?: ReadonlyArray<{ id: string; name: string }>;
  /** `drafts approve --allow-simulated`: a simulated review may be approved (a trial site). */
  allowSimulated?: boolean;
}

/** What an editor confirms when approving, beyond what the desk was created with. */
export interface ApproveOptions {
  /**
   * The review was not grounding-checked (made before grounding, or with `--no-grounding`):
   * the editor confirms approving it anyway (`--allow-unchecked`, the page's checkbox).
   */
  allowUnchecked?: boolean | undefined;
}

/** An editor's decision on an unsupported claim. `removed` with `text` rewrites the claim's field. */
export type ClaimDecisionInput =
  | { action: 'accepted'; reason: string }
  | { action: 'removed'; text?: string | undefined };

/** `queue` filters. Without `status` the queue is the drafts. */
export interface QueueOptions {
  status?: ReviewStatus;
  /** Only reviews with flags (a page that tried to steer the panel…). */
  flagged?: boolean;
  /** One page of the queue: at most `limit` items, after skipping `offset`. */
  limit?: number;
  offset?: number;
}

/** One persona's cell in a queue row. Score and verdict are null when its model failed. */
export interface QueuePersona {
  persona: string;
  name: string;
  score: number | null;
  verdict: Verdict | null;
  failed: boolean;
  /** The current answer is an editor's (written or corrected). */
  edited: boolean;
}

/** A queue row: the summary (tool, panel, cost, flag count, simulated) plus its personas. */
export interface QueueItem extends ReviewSummary {
  /** The first 8 characters of the id: what the CLI prints and accepts back. */
  shortId: string;
  /** In panel order. */
  personas: QueuePersona[];
  /** Ids of the personas with no answer (their model failed): why the panel is incomplete. */
  failedPersonas: string[];
  /** Decisions (approved by, rejected by and why, superseded by) and the last change time. */
  state: ReviewState;
}

/** A persona on the draft page: its current answer, and what the model said beside an edit. */
export interface PersonaView {
  persona: string;
  name: string;
  /** The current answer, or the failure when the persona has none. */
  current: PersonaReview | Failure;
  /** Revision number of `current` (1 = the engine's draft). */
  revision: number;
  source: RevisionSource;
  /** 'engine', or the editor who wrote `current` or asked for it to be regenerated. */
  author: string;
  at: string;
  /** Set when `current` is an editor's: who and when. */
  edited: { by: string; at: string } | null;
  /**
   * The latest model-made revision of this persona (answer or failure): "the model said 45 ·
   * skip" beside an edit. The same entry as `current` when no editor has touched it.
   */
  modelOriginal: PersonaReview | Failure;
  /** How many revisions this persona has. */
  revisions: number;
}

/** Everything the draft page shows. */
export interface DraftView {
  summary: ReviewSummary;
  state: ReviewState;
  /** The review as it stands: editors' edits applied, panel recomputed, status current. */
  review: Review;
  /** In panel order; failed personas included (`current` is then a Failure). */
  personas: PersonaView[];
  history: HistoryEntry[];
  /** The claims of the review's texts, where they stand now and the editors' decisions on them. */
  grounding: GroundingView;
  /** Profile fields an editor rewrote (the model's text stays in the engine's review). */
  editedFields: Array<{ field: 'tagline' | 'description'; by: string; at: string; original: string }>;
  /** Corrections (issue 13): what this draft corrects, or a published review's open correction. */
  amendment: AmendmentView;
  /** A re-review (`batch --stale`): its source and verdict diffs against the published review; null otherwise. */
  changes?: ReviewChanges | null;
}

/** A correction draft and the published review it corrects, seen from either side. */
export interface AmendmentView {
  /** This draft is a correction of a published review: which, its status now and when it was published. */
  of: { id: string; status: ReviewStatus; approvedAt: string | null } | null;
  /** On a published review: the id of its open correction draft, if there is one. */
  openCorrection: string | null;
}

/** `amend`'s outcome: the correction draft, the published review it corrects, whether it was already open. */
export interface Correction {
  review: Review;
  published: ReviewSummary;
  reused: boolean;
}

/** An editor's tagline or description (a profile edit; the model's text stays beside it). */
export interface ProfileChanges {
  tagline?: string | undefined;
  description?: string | undefined;
}

/** One line of a review's history: a status move or action (audit), or a persona revision. */
export type HistoryEntry =
  | {
      kind: 'audit';
      id: number;
      at: string;
      actor: string;
      /** One of AUDIT_ACTIONS' values. */
      action: string;
      fromStatus: string | null;
      toStatus: string | null;
      detail: unknown;
    }
  | {
      kind: 'revision';
      id: number;
      at: string;
      actor: string;
      persona: string;
      revision: number;
      source: RevisionSource;
      entry: PersonaReview | Failure;
    };

/** The actions written to the audit log. */
export const AUDIT_ACTIONS = {
  created: 'created draft',
  edited: 'edited',
  regenerated: 'regenerated',
  regenerationFailed: 'regeneration failed',
  regenerationDiscarded: 'regeneration discarded',
  approved: 'approved',
  rejected: 'rejected',
  superseded: 'superseded',
  claimAccepted: 'claim accepted',
  claimRemoved: 'claim removed',
  profileEdited: 'profile edited',
  /** On the new correction draft (detail: `{ of: <published id> }`). */
  correctionOpened: 'opened correction',
  /** On the published review (detail: `{ correction: <draft id> }`). */
  correctionStarted: 'correction opened',
} as const;

/** `edit`'s changes: at least one. Writing a failed persona needs a score and a quote. */
export interface EditChanges {
  score?: number | undefined;
  verdict?: Verdict | undefined;
  quote?: string | undefined;
  /**
   * A score that moves the verdict across the ship line keeps the current quote only when the
   * editor says so (`--keep-quote`, the form's checkbox); otherwise a new quote is needed.
   */
  keepQuote?: boolean | undefined;
}

/** What regenerating needs: the engine (personas, prompts, keys, models, retry policy). */
export interface RegenerateDeps {
  engine: Engine;
  signal?: AbortSignal;
}

export interface RegenerateOptions {
  /** The review revision the editor saw (see `Seen`). */
  revision?: number | undefined;
  /** Replace an editor's current answer with a new model answer (the edit stays in the history). */
  force?: boolean;
}

/**
 * The review revision the editor's action was made on (`ReviewState.revision`, shown by
 * `drafts show` and carried by every form of the web page). A stale one is refused with
 * `StaleRevisionError`; without one the action applies to the current revision.
 */
export interface Seen {
  revision?: number | undefined;
}

/**
 * The editor's desk. `ref` is a full review id, a unique id prefix (4+ characters) or a tool
 * slug (that tool's newest review). Every refusal is a `UsageError` (CLI exit 2) with one line;
 * every change is one transaction with its audit row.
 */
export interface Desk {
  resolve(ref: string): ReviewSummary;
  queue(options?: QueueOptions): QueueItem[];
  show(ref: string): DraftView;
  history(ref: string): HistoryEntry[];
  approve(ref: string, by: string, seen?: Seen, options?: ApproveOptions): Review;
  /** Accept an unsupported claim with a reason, or remove it (see desk-claims.ts). */
  decideClaim(ref: string, claimId: string, decision: ClaimDecisionInput, by: string, seen?: Seen): Review;
  reject(ref: string, by: string, reason: string, seen?: Seen): Review;
  /**
   * Edit a persona. On a published (approved) review the edit goes to its correction draft,
   * opened (or reused) in the same transaction; the published review stays live until then.
   */
  edit(ref: string, persona: string, changes: EditChanges, by: string, seen?: Seen): Review;
  /** Rewrite the tagline or description (as `edit`, a published review's goes to its correction). */
  editProfile(ref: string, changes: ProfileChanges, by: string, seen?: Seen): Review;
  /**
   * Open a correction of a published review: a new draft (origin 'correction', amends = it)
   * copying it as it stands, with no model call; an open correction is reused.
   */
  amend(ref: string, by: string): Correction;
  regenerate(ref: string, persona: string, by: string, deps: RegenerateDeps, options?: RegenerateOptions): Promise<Review>;
}
