/**
 * The desk-flow parts of the pages (issue 13): a queue row's place and reasons, and the
 * draft page's keyboard bar (next draft, the shortcuts' hint). Mounted by queue.ts and draft.ts.
 */
import { html } from 'hono/html';
import type { QueueItem } from '../desk-types.js';
import { queueReasons, toolPlace } from '../queue-reasons.js';
import type { Html } from './format.js';

/** Under the tool's name: where it lives (the full URL on hover), so two tools of one name differ. */
export function queuePlace(item: QueueItem): Html {
  return html`<span class="place" title="${item.tool.url}">${toolPlace(item.tool.url)}</span>`;
}

/** Why the draft is in the queue: origin, flags, routing. */
export function queueReasonBadges(item: QueueItem): Html {
  return html`<span class="reasons">${queueReasons(item).map(
    (reason) => html`<span class="badge reason reason-${reason.kind}" title="${reason.title}">${reason.label}</span>`,
  )}</span>`;
}

/**
 * The draft page's keyboard bar: the next draft (what `j`/`n` opens) and what the keys do.
 * `data-shortcut` marks what editor.js binds; `aria-keyshortcuts` tells assistive technology.
 */
export function deskKeys(reviewId: string, isDraft: boolean): Html {
  const next = `/reviews/${encodeURIComponent(reviewId)}/next`;
  const keys = isDraft
    ? html`<kbd>a</kbd> approve · <kbd>r</kbd> reject (type the reason, then <kbd>Ctrl</kbd>+<kbd>Enter</kbd>; <kbd>Esc</kbd> leaves the field) · <kbd>j</kbd>/<kbd>n</kbd> next draft`
    : html`<kbd>j</kbd>/<kbd>n</kbd> next draft`;
  return html`<nav class="desk-keys" aria-label="Queue">
  <a class="button next-draft" href="${next}" data-shortcut="next" aria-keyshortcuts="j n">Next draft →</a>
  <p class="hint keys-hint" id="keys-hint">Keys: ${keys}</p>
</nav>`;
}
