/**
 * What approval asks of a review beyond a complete panel: a verdict, real answers, and a public
 * address. Kept apart from the desk's workflow so the rule is one small function.
 */
// The one rule, not the publish stage's index: that would load the comparison page (Hono's
// html helper) and its templates into every command-line desk action.
import { publicUrl } from '../publish/public-url.js';
import type { Review } from '../schemas.js';
import type { GroundingView } from './claims-view.js';
import { DeskError } from './desk-errors.js';
import { shortId } from './desk-resolve.js';

export interface ApprovalOptions {
  /** Approve a simulated review anyway (a trial site); `publish --allow-simulated` then writes it, marked. */
  allowSimulated?: boolean;
}

/** Throws the one line an editor needs when `review` may not be approved (a conflict: 409, exit 2). */
export function requireApprovable(review: Review, options: ApprovalOptions = {}): void {
  const which = `review ${shortId(review.id)} (${review.tool.name})`;
  if (review.panel.verdict == null) {
    throw new DeskError('conflict', `${which} has no verdict: no persona answered — regenerate or write them first`);
  }
  if (review.simulated) {
    if (options.allowSimulated) return;
    throw new DeskError(
      'conflict',
      `${which} is simulated (npm run demo): no model gave these answers, so it is not approved — ` +
        'use --allow-simulated only for a trial site',
    );
  }
  if (publicUrl(review.tool.url) == null) {
    throw new DeskError(
      'conflict',
      `${which} has no public web address (it was reviewed from a local file): review the tool from its http(s) URL, ` +
        'or give the file one (a canonical link in a saved page, "url" in a JSON profile) and review it again',
    );
  }
}

/** How many claims to name in the refusal before "and N more". */
const NAMED_CLAIMS = 3;

/**
 * Issue 12's gate: every unsupported claim decided (accepted with a reason, or removed), and a
 * review that was not grounding-checked approved only when the editor says so.
 */
export function requireGroundingDecided(review: Review, grounding: GroundingView, options: { allowUnchecked?: boolean | undefined }): void {
  const which = `review ${shortId(review.id)} (${review.tool.name})`;
  const open = grounding.claims.filter((each) => each.open);
  if (open.length > 0) {
    const named = open.slice(0, NAMED_CLAIMS).map((each) => `${each.claim.id} in the ${each.where}: “${oneLine(each.words)}”`);
    const more = open.length > NAMED_CLAIMS ? ` and ${open.length - NAMED_CLAIMS} more` : '';
    throw new DeskError(
      'conflict',
      `${which} has ${open.length} unsupported claim${open.length === 1 ? '' : 's'} without a decision (${named.join('; ')}${more}) — accept each with a reason or remove it first`,
    );
  }
  if (!grounding.checked && options.allowUnchecked !== true) {
    const why = grounding.mode === 'deterministic' ? 'was reviewed with --no-grounding (only the free checks ran)' : 'was made before grounding checks existed';
    throw new DeskError('conflict', `${which} is not grounding-checked: it ${why} — confirm with --allow-unchecked (the page's checkbox) to approve it anyway`);
  }
}

const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
};
