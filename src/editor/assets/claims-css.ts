/**
 * The claim marks and the claims card (issue 12), appended to the desk's stylesheet. A
 * supported claim's source shows on hover and keyboard focus from `data-source` (no script).
 */
export const CLAIMS_CSS = `
mark.claim { background: none; color: inherit; border-radius: 3px; padding: 0 1px; position: relative; }
mark.claim.is-supported { border-bottom: 1px dotted var(--ship); cursor: help; }
mark.claim.is-supported:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
mark.claim.is-supported:hover::after, mark.claim.is-supported:focus::after {
  content: attr(data-source); position: absolute; left: 0; top: 100%; z-index: 5; margin-top: 4px;
  width: max-content; max-width: min(420px, 80vw); white-space: normal; font-size: 13px; font-weight: 400;
  background: var(--ink); color: #fff; border-radius: 8px; padding: 6px 10px; box-shadow: var(--shadow);
}
mark.claim.is-unsupported { background: var(--skip-bg); border-bottom: 2px solid var(--skip); }
mark.claim.is-accepted { background: var(--mixed-bg); border-bottom: 2px solid var(--mixed); }
a.claim-tag { font-size: 11px; font-weight: 700; vertical-align: super; margin-left: 2px; text-decoration: none; white-space: nowrap; }
a.claim-tag.is-unsupported { color: var(--skip); }
a.claim-tag.is-accepted { color: var(--mixed); }
.badge.ok { background: var(--ship-bg); border-color: var(--ship-line); color: var(--ship); }
.grounding-badge { margin-left: 8px; vertical-align: middle; white-space: normal; max-width: 100%; }
.warn-banner { background: var(--mixed-bg); border: 1px solid var(--mixed-line); color: var(--mixed); }
.claim-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.claim-item { border-top: 1px solid var(--line-2); padding-top: 10px; }
.claim-item.is-open { border-left: 4px solid var(--skip); padding-left: 10px; }
.claim-words { margin: 6px 0; font-style: italic; }
.claim-open { color: var(--skip); font-weight: 600; font-size: 13px; }
.claim-decided { font-size: 13px; color: var(--ink-2); }
.claim-actions { display: grid; gap: 8px; }
.claim-accept { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; }
.claim-accept .field { flex: 1 1 220px; }
/* On a phone the popover is pinned to the bottom of the screen, so it never makes the page scroll sideways. */
@media (max-width: 600px) {
  mark.claim.is-supported:hover::after, mark.claim.is-supported:focus::after { position: fixed; left: 8px; right: 8px; top: auto; bottom: 8px; width: auto; max-width: none; }
}
.edited-field { font-size: 13px; color: var(--accent); }
.original-text { font-size: 13px; color: var(--muted); margin: 4px 0 0; }
`;
