/** The re-review's "What changed since the published review" card (views/changes.ts), appended to the desk's stylesheet. */
export const CHANGES_CSS = `
.changes-card { margin-top: 16px; }
.changes-card h3 { font-size: 14px; margin: 16px 0 6px; overflow-wrap: anywhere; }
.verdict-diff { border-collapse: collapse; width: 100%; font-size: 14px; }
.verdict-diff th, .verdict-diff td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
.verdict-diff tr.is-changed { background: var(--mixed-bg); }
.page-text { border-left: 3px solid var(--line); padding-left: 10px; }
ul.diff { list-style: none; margin: 4px 0 0; padding: 0; font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
ul.diff li { padding: 0 4px; white-space: pre-wrap; }
ul.diff ins { background: var(--ship-bg); color: var(--ship); text-decoration: none; }
ul.diff del { background: var(--skip-bg); color: var(--skip); }
ul.diff .diff-gap { color: var(--muted); }
`;
