/**
 * The editor stage: drafts become published reviews only through an editor. This is its one
 * public entry; the CLI (`drafts`) and the web page (`serve`) are thin layers over `Desk`.
 *
 * @example
 * ```ts
 * const store = openStore(config.dbPath);
 * const desk = createDesk(store, { threshold: config.shipThreshold });
 * const by = editorName(flags.by, config);                 // --by, else EDITOR_NAME
 * for (const item of desk.queue()) console.log(item.shortId, item.tool.name, item.panel.label);
 * desk.edit('aider', 'skeptic', { score: 55 }, by);        // verdict follows: ship
 * desk.approve('7f3c2a10', by);                           // supersedes Aider's old review
 * await desk.regenerate('7f3c', 'builder', by, { engine: await createEngine(config) });
 * ```
 *
 * **References.** Every `ref` is a full id, a unique id prefix of 4+ characters (an exact id
 * always wins) or a tool slug, which means that tool's newest review. Unknown or ambiguous →
 * `UsageError` naming the candidates.
 *
 * **Errors.** Every refusal is one line that says what to do, typed by kind (desk-errors.ts;
 * HTTP status in `http-status.ts`, exit code in `cli/error-line.ts`): `not-found` (404, exit 2),
 * `conflict` — wrong state ("review 3f2a1b2c (Aider) is approved, not a draft: only drafts can
 * be approved"), an incomplete panel, an editor's edit in the way (409, exit 2) —, `stale`
 * (`StaleRevisionError`: the action named a revision the review has moved past; 409, exit 1),
 * and `bad-input` — unknown persona, inconsistent score and verdict, missing name or reason
 * (400, exit 2). A regeneration that gives no new answer throws `RegenerationError` (exit 1)
 * after recording what it spent.
 *
 * **Revisions.** A review's revision (`DraftView.state.revision`) starts at 1 and moves on with
 * every change (edit, regeneration, approve, reject, supersede). `edit`, `approve`, `reject`
 * and `regenerate` take the revision the editor saw (`Seen`) and refuse a stale one inside the
 * write transaction, so approving publishes exactly what the approver looked at.
 *
 * **Rules.**
 * - Only drafts change. `approve` needs a complete panel and supersedes the tool's approved
 *   review in the same transaction (audit rows on both); `reject` needs a reason.
 * - `edit` writes a new revision (source 'editor'); the model's answer stays beside it
 *   (`PersonaView.modelOriginal`). A score alone brings its verdict along (threshold); a
 *   verdict that disagrees with the score is refused; a quote alone keeps score and verdict.
 *   Editing a failed persona writes it (score and quote required; `model: 'editor'`, zero usage).
 *   The panel is recomputed with `aggregateVerdict`; complete once every persona has an answer.
 * - `regenerate` asks the persona's stored model (or today's choice if none was stored) with
 *   the stored profile and page excerpt, and adds a revision with source 'model' and the
 *   editor as author. It refuses when the current answer is an editor's, unless `force`
 *   (the edit stays in the history either way). A failed call is recorded as a failure
 *   revision only when the persona had no answer; otherwise the answer is kept. The call's
 *   usage is added to the review's total either way. If the review changed during the call,
 *   the answer is discarded (audit row 'regeneration discarded').
 * - Grounding (issue 12): `approve` also needs every unsupported claim decided —
 *   `decideClaim` accepts one with a reason, or removes it (the editor's new text of the
 *   field, saved as an edit; or nothing when the words are already gone) — and, for a review
 *   that was not grounding-checked, `ApproveOptions.allowUnchecked`. Refusals are conflicts (409).
 * - Every change writes one audit row (AUDIT_ACTIONS) with who and when, in the same
 *   transaction as the change.
 */
export { createDesk } from './desk.js';
export type { EditorApp, EditorAppDeps } from './app.js';
/**
 * The web page's app factory, loaded on demand: the Hono app, its views and the comparison
 * page are half a second of start-up that the command-line desk (`drafts list`) never needs.
 */
export const loadEditorApp = async (): Promise<typeof import('./app.js').createEditorApp> => (await import('./app.js')).createEditorApp;
export { checkBindAddress, isLoopbackHost } from './bind-address.js';
export { RegenerationError } from './regeneration-error.js';
export { DeskError, StaleRevisionError, type DeskErrorKind } from './desk-errors.js';
export { HTTP_STATUS, httpStatusOf } from './http-status.js';
export { editorName, requireEditor, shortId, MIN_PREFIX } from './desk-resolve.js';
export { EDITOR_MODEL } from './desk-edit.js';
export { regeneratedAfterDraft } from './desk-views.js';
export { nextDraft, type QueueNeighbour } from './desk-next.js';
export { queueReasons, toolPlace, type QueueReason, type QueueReasonKind } from './queue-reasons.js';
export { buildGroundingView, claimsIn, markedPieces, type ClaimView, type GroundingView, type TextPiece, type TextSpan } from './claims-view.js';
export { isAnswer } from '../store/index.js';
export {
  AUDIT_ACTIONS,
  type ApproveOptions,
  type ClaimDecisionInput,
  type Desk,
  type DeskOptions,
  type DraftView,
  type EditChanges,
  type HistoryEntry,
  type PersonaView,
  type QueueItem,
  type QueueOptions,
  type QueuePersona,
  type RegenerateDeps,
  type RegenerateOptions,
  type Seen,
  type AmendmentView,
  type Correction,
  type ProfileChanges,
} from './desk-types.js';
export { QuoteNeededError, reviewThreshold } from './desk-edit.js';
