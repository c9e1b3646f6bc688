/**
 * Grounding claims on the terminal (issue 12), for `drafts show` and the `review` summary:
 * the unsupported claims one by one with where they stand and the decision in force, the
 * supported ones with their source. Pure; every model and page string goes through `clean`.
 */
import type { ClaimView, GroundingView } from '../editor/claims-view.js';
import { terminalLine as clean } from '../terminal-text.js';

/** A quote cut to a readable length on one line. */
function short(text: string, max = 100): string {
  const flat = clean(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function decisionText(each: ClaimView, reviewRef: string | null): string {
  const decision = each.decision;
  if (decision?.action === 'accepted') return `accepted by ${clean(decision.editor)} at ${decision.at}: ${short(decision.reason ?? '', 200)}`;
  if (decision?.action === 'removed') return `removed by ${clean(decision.editor)} at ${decision.at}`;
  if (reviewRef == null) return 'the editor must accept it (with a reason) or remove it before approval';
  return `NO DECISION — npm run drafts -- claim ${reviewRef} ${each.claim.id} --accept "REASON"  (or --remove --text "…")`;
}

/**
 * The grounding block. `reviewRef` (a short id) adds the decision commands; without it (the
 * `review` summary of a draft just made) the lines say what the editor will have to do.
 */
export function formatClaims(view: GroundingView, reviewRef: string | null): string[] {
  const { counts } = view;
  const out: string[] = [];
  if (!view.checked) {
    const why = view.mode === 'deterministic' ? 'reviewed with --no-grounding: only the free checks ran' : 'made before grounding checks existed';
    out.push(`Grounding: NOT grounding-checked (${why}) — approving it needs --allow-unchecked`);
  } else {
    out.push(`Grounding: checked by ${clean(view.model ?? '?')} · ${counts.supported} supported, ${counts.unsupported} unsupported${counts.unsupported > 0 ? ` (${counts.accepted} accepted, ${counts.removed} removed, ${counts.open} to decide)` : ''}`);
  }
  for (const each of view.claims.filter((claim) => claim.claim.status === 'unsupported')) {
    const gone = each.at == null ? ' [no longer in the text]' : '';
    out.push(`  UNSUPPORTED ${each.claim.id} (${each.claim.kind}) in the ${clean(each.where)}: “${short(each.words)}”${gone}`);
    out.push(`      ${decisionText(each, reviewRef)}`);
  }
  for (const each of view.claims.filter((claim) => claim.claim.status === 'supported')) {
    const support = each.claim.support;
    const source = support == null ? '' : ` ← ${clean(support.source)}: “${short(support.quote, 80)}”`;
    out.push(`  supported ${each.claim.id} in the ${clean(each.where)}: “${short(each.words, 60)}”${source}`);
  }
  return out;
}
