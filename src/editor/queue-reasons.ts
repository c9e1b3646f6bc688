/**
 * What a queue row says beside the tool's name, for the web queue and `drafts list` alike:
 * where the tool lives (so two tools with the same name can be told apart) and why the draft
 * is in the queue. Pure; the callers escape (HTML) or clean (terminal) the text.
 */
import type { ReviewSummary } from '../store/index.js';
import { shortId } from './desk-resolve.js';

/** Longest place shown; the whole URL is in the title. */
const PLACE_MAX = 48;

/**
 * The tool's address as a row shows it: host (no `www.`) and path, no scheme, query or
 * trailing slash (`github.com/owner/repo`, `aider.chat`); a local file is `file: name`.
 */
export function toolPlace(url: string): string {
  let place: string;
  if (url.startsWith('file:')) {
    place = `file: ${url.slice('file:'.length).split(/[\\/]/).filter(Boolean).at(-1) ?? url}`;
  } else {
    try {
      const parsed = new URL(url);
      const path = parsed.pathname.replace(/\/+$/, '');
      place = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? `${parsed.host.replace(/^www\./, '')}${path}` : url;
    } catch {
      place = url;
    }
  }
  return place.length > PLACE_MAX ? `${place.slice(0, PLACE_MAX - 1)}…` : place;
}

export type QueueReasonKind = ReviewSummary['origin'] | 'flagged' | 'needs-attention' | 'routine';

export interface QueueReason {
  kind: QueueReasonKind;
  /** One word or two: `new`, `re-review`, `correction`, `flagged`, `needs-attention`, `routine`. */
  label: string;
  /** A sentence for a tooltip. */
  title: string;
}

const ORIGIN_TITLE: Record<ReviewSummary['origin'], string> = {
  new: 'A first review of this tool',
  're-review': 'A re-review of a published tool (its sources or our prompts changed)',
  correction: "An editor's correction of a published review",
};

/** Why the draft is there: its origin, then flags, then issue 14's routing when it was routed. */
export function queueReasons(item: Pick<ReviewSummary, 'origin' | 'amends' | 'flagCount' | 'attention'>): QueueReason[] {
  const replaces = item.amends == null ? '' : `; it would replace the published review ${shortId(item.amends)}`;
  const reasons: QueueReason[] = [{ kind: item.origin, label: item.origin, title: `${ORIGIN_TITLE[item.origin]}${item.origin === 'new' ? '' : replaces}` }];
  if (item.flagCount > 0) reasons.push({ kind: 'flagged', label: 'flagged', title: `${item.flagCount} flag${item.flagCount === 1 ? '' : 's'} for the editor` });
  if (item.attention === 'needs-attention') reasons.push({ kind: 'needs-attention', label: 'needs-attention', title: 'The routing asks for an editor’s close look' });
  if (item.attention === 'routine') reasons.push({ kind: 'routine', label: 'routine', title: 'The routing found nothing unusual (an editor still decides)' });
  return reasons;
}
