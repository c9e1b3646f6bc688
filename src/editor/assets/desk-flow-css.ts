/** Styles of the desk-flow parts (views/desk-flow.ts): a queue row's place and reasons, the keyboard bar. */
export const DESK_FLOW_CSS = `
.place { display: block; font-size: 12.5px; color: var(--muted); overflow-wrap: anywhere; }
.reasons { display: inline-flex; flex-wrap: wrap; gap: 4px; }
.badge.reason-re-review, .badge.reason-correction { background: var(--accent-soft); border-color: #c7d7fe; color: var(--accent); }
.badge.reason-flagged { background: var(--skip-bg); border-color: var(--skip-line); color: var(--skip); }
.badge.reason-needs-attention { background: var(--mixed-bg); border-color: var(--mixed-line); color: var(--mixed); }
.badge.reason-routine { background: var(--ship-bg); border-color: var(--ship-line); color: var(--ship); }
.desk-keys { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin: 0 0 14px; }
.desk-keys .hint { margin: 0; }
kbd { font: 12px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border: 1px solid var(--failed-line); border-bottom-width: 2px; border-radius: 4px; padding: 0 5px; background: #fff; color: var(--ink-2); }
.shortcut-target { outline: 3px solid var(--accent); outline-offset: 2px; }
`;
