/**
 * The stylesheet, served from /assets/editor.css (the CSP allows styles from 'self' only, so
 * there are no inline styles: score bar widths come from one rule per score, generated below).
 * Laptop: a two-column draft page with the decision beside the scorecard. Phone (~390 px):
 * one column, cards stacked, the queue's rows become cards, nothing scrolls sideways.
 */
import { CLAIMS_CSS } from './claims-css.js';
import { CHANGES_CSS } from './changes-css.js';

const SCORE_WIDTHS = Array.from({ length: 101 }, (_, score) => `.fill[data-score="${score}"]{width:${score}%}`).join('');

/** Corrections (issue 13): the banner on a correction draft or a published review, and the quote question. */
const CORRECTION_CSS = `
.correction-banner { background: var(--accent-soft); border: 1px solid #c7d7fe; color: #2d31a6; }
.correct-form { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
.correction-banner .muted { font-size: 13px; }
.quote-question { border-color: #f0c36d; background: #fffaf0; margin-bottom: 16px; }
.quote-question h2 { margin-bottom: 6px; }
.quote-question p { font-size: 14px; margin-bottom: 10px; }
`;

export const EDITOR_CSS = `
:root {
  --bg: #f5f6f8; --card: #fff; --ink: #101828; --ink-2: #344054; --muted: #667085; --line: #e4e7ec; --line-2: #f0f2f5;
  --accent: #3538cd; --accent-ink: #fff; --accent-soft: #eef4ff;
  --ship: #067647; --ship-bg: #ecfdf3; --ship-line: #abefc6;
  --skip: #b42318; --skip-bg: #fef3f2; --skip-line: #fecdca;
  --mixed: #b54708; --mixed-bg: #fffaeb; --mixed-line: #fedf89;
  --failed: #475467; --failed-bg: #f2f4f7; --failed-line: #d0d5dd;
  --radius: 12px; --shadow: 0 1px 2px rgba(16,24,40,.06), 0 1px 3px rgba(16,24,40,.08);
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: anywhere; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--line-2); border-radius: 4px; padding: 1px 5px; color: var(--ink-2); }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 26px; letter-spacing: -.01em; }
h2 { font-size: 17px; }
h3 { font-size: 16px; }
p { margin: 0; }
.muted { color: var(--muted); }
.inline { display: inline; }

/* Top bar */
.topbar { background: #0c111d; color: #fff; }
.topbar-inner { max-width: 1240px; margin: 0 auto; padding: 10px 20px; display: flex; align-items: center; justify-content: space-between; gap: 12px; flex-wrap: wrap; }
.brand { color: #fff; display: flex; align-items: center; gap: 10px; font-weight: 700; letter-spacing: -.01em; }
.brand:hover { text-decoration: none; }
.topnav { display: flex; gap: 14px; margin-right: auto; margin-left: 12px; }
.topnav a { color: #d0d5dd; font-size: 14px; }
.topnav a:hover { color: #fff; }
.brand-mark { width: 28px; height: 28px; border-radius: 8px; background: linear-gradient(135deg, #12b76a, #3538cd); display: grid; place-items: center; font-size: 15px; }
.brand-sub { color: #98a2b3; font-weight: 500; margin-left: 4px; }
.who { color: #d0d5dd; font-size: 14px; }
.who strong { color: #fff; }
.who a, .who .link { color: #a4bcfd; }
.who-missing { color: #fec84b; font-weight: 600; }
button.link { background: none; border: 0; padding: 0; font: inherit; cursor: pointer; }
button.link:hover { text-decoration: underline; }

.wrap { max-width: 1240px; margin: 0 auto; padding: 24px 20px 56px; }

/* Cards, badges, pills */
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 20px; }
.card + .card { margin-top: 16px; }
.card h2 { margin-bottom: 12px; }
.eyebrow { text-transform: uppercase; letter-spacing: .06em; font-size: 12px; font-weight: 600; color: var(--muted); }
.badge { display: inline-flex; align-items: center; gap: 4px; font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 8px; border: 1px solid var(--line); background: var(--line-2); color: var(--ink-2); white-space: nowrap; }
.badge.warn { background: var(--mixed-bg); border-color: var(--mixed-line); color: var(--mixed); }
.badge.flag { background: var(--skip-bg); border-color: var(--skip-line); color: var(--skip); }
.badge.sim { background: var(--accent-soft); border-color: #c7d7fe; color: var(--accent); }
.badge.edited { background: var(--accent-soft); border-color: #c7d7fe; color: var(--accent); }
.pill { display: inline-block; font-weight: 600; font-size: 13px; border-radius: 999px; padding: 2px 10px; border: 1px solid; white-space: nowrap; }
.pill.ship, .chip.ship { color: var(--ship); background: var(--ship-bg); border-color: var(--ship-line); }
.pill.skip, .chip.skip { color: var(--skip); background: var(--skip-bg); border-color: var(--skip-line); }
.pill.mixed { color: var(--mixed); background: var(--mixed-bg); border-color: var(--mixed-line); }
.chip.failed { color: var(--failed); background: var(--failed-bg); border-color: var(--failed-line); text-decoration: line-through; }

/* Flash */
.flash { border-radius: 10px; padding: 12px 16px; margin-bottom: 18px; border: 1px solid; font-weight: 500; }
.flash-ok { background: var(--ship-bg); border-color: var(--ship-line); color: #05603a; }
.flash-error { background: var(--skip-bg); border-color: var(--skip-line); color: #912018; }
.flash a { font-weight: 600; margin-left: 6px; }
.banner { border-radius: 10px; padding: 10px 14px; margin-bottom: 16px; font-size: 14px; }
.sim-banner { background: var(--accent-soft); border: 1px solid #c7d7fe; color: #2d31a6; }

/* Buttons and forms */
.button { display: inline-flex; align-items: center; justify-content: center; gap: 6px; font: inherit; font-weight: 600; font-size: 14px; border-radius: 8px; padding: 8px 14px; border: 1px solid var(--line); background: #fff; color: var(--ink-2); cursor: pointer; text-decoration: none; min-height: 38px; }
.button:hover { background: var(--line-2); text-decoration: none; }
.button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid #a4bcfd; outline-offset: 1px; }
.button:disabled { opacity: .55; cursor: not-allowed; }
.button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
.button.primary:hover { background: #2d31a6; }
.button.approve { background: var(--ship); border-color: var(--ship); color: #fff; width: 100%; min-height: 44px; font-size: 15px; }
.button.approve:hover:not(:disabled) { background: #05603a; }
.button.reject { background: #fff; border-color: var(--skip-line); color: var(--skip); width: 100%; }
.button.reject:hover { background: var(--skip-bg); }
.button.small { padding: 5px 11px; min-height: 32px; font-size: 13px; }
.button.ghost { background: transparent; }
.field { display: flex; flex-direction: column; gap: 4px; font-size: 13px; font-weight: 600; color: var(--ink-2); margin-top: 10px; }
input[type="text"], input[type="password"], input[type="number"], select, textarea { font: inherit; font-weight: 400; font-size: 15px; color: var(--ink); border: 1px solid var(--failed-line); border-radius: 8px; padding: 8px 10px; background: #fff; width: 100%; }
textarea { resize: vertical; min-height: 80px; line-height: 1.45; }
.field-row { display: grid; grid-template-columns: 110px 1fr; gap: 10px; }
.hint { font-size: 13px; color: var(--muted); margin-top: 8px; }
.verdict-preview { color: var(--ink-2); }
.verdict-preview.warn { color: var(--skip); font-weight: 600; }
.form-actions { margin-top: 12px; display: flex; gap: 8px; flex-wrap: wrap; }
.check { display: flex; gap: 8px; align-items: flex-start; font-size: 13px; color: var(--ink-2); margin-bottom: 8px; }

/* Queue */
.page-head { margin-bottom: 16px; }
.page-head p { margin-top: 4px; }
.count-big { font-size: 16px; font-weight: 500; margin-left: 6px; }
.tabs { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 16px; }
.tab { display: inline-flex; align-items: center; gap: 6px; padding: 6px 12px; border-radius: 999px; border: 1px solid var(--line); background: #fff; color: var(--ink-2); font-weight: 600; font-size: 14px; }
.tab:hover { text-decoration: none; background: var(--line-2); }
.tab.active { background: var(--ink); border-color: var(--ink); color: #fff; }
.tab .count { font-size: 12px; background: var(--line-2); color: var(--ink-2); border-radius: 999px; padding: 0 7px; }
.tab.active .count { background: rgba(255,255,255,.18); color: #fff; }
.tab.filter { margin-left: auto; }
.tab.filter.active { background: var(--skip-bg); border-color: var(--skip-line); color: var(--skip); }
.table-card { padding: 0; overflow: hidden; }
.queue { width: 100%; border-collapse: collapse; }
.queue th { white-space: nowrap; text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; padding: 12px 14px; background: #fafbfc; border-bottom: 1px solid var(--line); }
.queue td { padding: 14px; border-bottom: 1px solid var(--line-2); vertical-align: middle; font-size: 14px; }
.queue tbody tr:last-child td { border-bottom: 0; }
.queue tbody tr:hover { background: #fafbff; }
.queue tr.is-incomplete td:first-child { box-shadow: inset 3px 0 0 var(--mixed); }
.queue tr.is-flagged:not(.is-incomplete) td:first-child { box-shadow: inset 3px 0 0 var(--skip); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.queue th.num { text-align: right; }
.tool-link { font-weight: 700; font-size: 15px; color: var(--ink); }
.cell-tool .meta { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 3px; }
.cell-decision { color: var(--ink-2); max-width: 260px; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
.chip { font-size: 12px; border: 1px solid; border-radius: 6px; padding: 1px 6px; white-space: nowrap; }
.chip b { font-variant-numeric: tabular-nums; }
.edited-mark { margin-left: 3px; color: var(--accent); }
.empty { text-align: center; padding: 40px 20px; }
.empty-title { font-size: 18px; font-weight: 600; margin-bottom: 6px; }

/* Draft page */
.crumbs { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 16px; font-weight: 600; }
.status-badge { text-transform: capitalize; font-size: 12px; font-weight: 700; border-radius: 999px; padding: 2px 10px; background: var(--line-2); color: var(--ink-2); border: 1px solid var(--line); }
.status-approved { background: var(--ship-bg); color: var(--ship); border-color: var(--ship-line); }
.status-rejected { background: var(--skip-bg); color: var(--skip); border-color: var(--skip-line); }
.status-draft { background: var(--accent-soft); color: var(--accent); border-color: #c7d7fe; }
.draft-grid { display: grid; grid-template-columns: minmax(0, 1fr) 330px; grid-template-areas: "main side" "history side"; gap: 20px; align-items: start; }
.draft-main { grid-area: main; min-width: 0; }
.draft-side { grid-area: side; position: sticky; top: 16px; min-width: 0; }
.draft-history { grid-area: history; min-width: 0; }
.tool-top { display: flex; gap: 16px; align-items: flex-start; }
.avatar { flex: none; width: 56px; height: 56px; border-radius: 14px; background: linear-gradient(135deg, #eef4ff, #e0eaff); color: var(--accent); display: grid; place-items: center; font-size: 26px; font-weight: 800; border: 1px solid #c7d7fe; }
.tool-title h1 { margin: 2px 0 4px; }
.tagline { color: var(--ink-2); font-size: 16px; }
.stats { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px; margin: 18px 0; }
.stat { border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; display: flex; flex-direction: column; gap: 2px; background: #fcfcfd; }
.stat-value { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.stat-label { font-size: 12px; color: var(--muted); font-weight: 500; }
.stat-verdict.ship { background: var(--ship-bg); border-color: var(--ship-line); color: var(--ship); }
.stat-verdict.skip { background: var(--skip-bg); border-color: var(--skip-line); color: var(--skip); }
.stat-verdict.mixed { background: var(--mixed-bg); border-color: var(--mixed-line); color: var(--mixed); }
.stat-verdict .stat-label { color: inherit; opacity: .8; }
.facts { margin: 0 0 14px; display: grid; gap: 6px; }
.facts > div, .usage > div { display: grid; grid-template-columns: 96px minmax(0, 1fr); gap: 10px; }
.facts dt, .usage dt { color: var(--muted); font-size: 13px; font-weight: 600; padding-top: 1px; }
.facts dd, .usage dd { margin: 0; font-size: 14px; min-width: 0; }
.fact-list { display: flex; flex-wrap: wrap; gap: 6px; }
.fact { background: var(--line-2); border-radius: 6px; padding: 0 6px; font-size: 13px; }
.unsafe-url { color: var(--skip); }
.description { color: var(--ink-2); line-height: 1.6; border-top: 1px solid var(--line-2); padding-top: 14px; white-space: pre-line; }
.verdict-line { display: flex; flex-wrap: wrap; align-items: center; gap: 10px; margin: 16px 0; padding: 12px 16px; border-radius: var(--radius); border: 1px solid; font-weight: 500; }
.verdict-line.ship { background: var(--ship-bg); border-color: var(--ship-line); }
.verdict-line.skip { background: var(--skip-bg); border-color: var(--skip-line); }
.verdict-line.mixed { background: var(--mixed-bg); border-color: var(--mixed-line); }
.verdict-line .pill { background: #fff; font-size: 14px; }
.flags-card { border-color: var(--skip-line); margin-bottom: 16px; }
.flag-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.snippet { margin: 8px 0 0; padding: 10px 12px; background: #fffbfa; border-left: 3px solid var(--skip); border-radius: 0 8px 8px 0; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--ink-2); white-space: pre-wrap; }
.snippet-label { display: block; font: 600 11px/1.4 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .06em; color: var(--skip); margin-bottom: 4px; }
.scorecard { margin-top: 8px; }
.scorecard > h2 { margin: 0 0 12px; }
.persona-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
.persona-card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); padding: 16px; display: flex; flex-direction: column; gap: 8px; border-top: 4px solid var(--failed-line); min-width: 0; }
.persona-card.is-ship { border-top-color: var(--ship); }
.persona-card.is-skip { border-top-color: var(--skip); }
.persona-card.is-failed { border-top-color: var(--failed); background: #fcfcfd; }
.persona-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.score-line { font-size: 15px; color: var(--ink-2); }
.score-num { font-size: 28px; font-weight: 800; color: var(--ink); font-variant-numeric: tabular-nums; }
.score-of { color: var(--muted); }
.verdict-word { font-weight: 700; text-transform: uppercase; letter-spacing: .04em; font-size: 13px; }
.verdict-word.ship { color: var(--ship); }
.verdict-word.skip { color: var(--skip); }
.verdict-word.failed { color: var(--failed); font-size: 16px; }
.bar { display: block; height: 6px; border-radius: 999px; background: var(--line-2); overflow: hidden; }
.fill { display: block; height: 100%; border-radius: 999px; background: var(--failed-line); width: 0; }
.is-ship .fill { background: var(--ship); }
.is-skip .fill { background: var(--skip); }
${SCORE_WIDTHS}
.quote { margin: 4px 0 0; font-size: 15px; line-height: 1.55; color: var(--ink); quotes: "\\201C" "\\201D"; }
.quote::before { content: open-quote; color: var(--muted); }
.quote::after { content: close-quote; color: var(--muted); }
.failure { background: var(--failed-bg); border: 1px solid var(--failed-line); border-radius: 8px; padding: 8px 10px; font-size: 13px; color: var(--ink-2); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.persona-meta { font-size: 12.5px; color: var(--muted); }
.original { background: var(--accent-soft); border: 1px solid #c7d7fe; border-radius: 8px; padding: 8px 10px; font-size: 13px; color: var(--ink-2); }
.edited-by { color: var(--accent); margin-bottom: 2px; }
.original-quote { margin: 4px 0 0; font-style: italic; }
.persona-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; margin-top: auto; padding-top: 8px; border-top: 1px solid var(--line-2); }
.persona-actions details { flex: 1 1 100%; }
.persona-actions details:not([open]) { flex: 0 0 auto; }
.persona-actions summary { list-style: none; }
.persona-actions summary::-webkit-details-marker { display: none; }
details[open] > summary { background: var(--line-2); }
.edit-form { margin-top: 6px; }
/* The form's box is flattened so its button sits beside Edit and its confirmation on its own line. */
.regenerate-form { display: contents; }
.persona-actions details { order: 1; }
.regenerate-form button { order: 2; }
.regenerate-form .check { order: 3; flex: 1 1 100%; margin: 0; }
.decision-card h2 { margin-bottom: 6px; }
.decision-card > p { font-size: 14px; margin-bottom: 12px; }
.decision-card.is-approved { border-color: var(--ship-line); background: var(--ship-bg); }
.decision-card.is-rejected { border-color: var(--skip-line); background: var(--skip-bg); }
.reject-form { margin-top: 14px; padding-top: 12px; border-top: 1px solid var(--line-2); display: flex; flex-direction: column; gap: 10px; }
.reject-form .field { margin-top: 0; }
.reason { margin: 6px 0 0; padding: 8px 10px; background: #fff; border-radius: 8px; border: 1px solid var(--skip-line); }
.usage { display: grid; gap: 6px; margin: 0; }
.usage code { font-size: 11.5px; }
.model-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 3px; }
.history-card h2 { margin-bottom: 8px; }
.timeline { list-style: none; margin: 0; padding: 0; }
.event { display: grid; grid-template-columns: 170px 110px minmax(0, 1fr); gap: 10px; padding: 7px 0; border-bottom: 1px solid var(--line-2); font-size: 13.5px; }
.event:last-child { border-bottom: 0; }
.event time { color: var(--muted); font-variant-numeric: tabular-nums; }
.event .actor { font-weight: 600; }
.event-revision { color: var(--muted); font-size: 12.5px; }
.login-card, .error-card { max-width: 460px; margin: 40px auto; }
.login-card h1, .error-card h1 { margin-bottom: 8px; }
.login-card .flash { margin: 14px 0 0; }
.error-message { margin: 12px 0 18px; font-size: 16px; }

/* Narrow screens: one column, rows as cards, nothing wider than the screen. */
@media (max-width: 960px) {
  .draft-grid { grid-template-columns: minmax(0, 1fr); grid-template-areas: "main" "side" "history"; }
  .draft-side { position: static; }
}
@media (max-width: 720px) {
  .wrap { padding: 16px 12px 40px; }
  .topbar-inner { padding: 10px 12px; }
  .brand-sub { display: none; }
  h1 { font-size: 22px; }
  .card { padding: 16px; }
  .persona-grid { grid-template-columns: minmax(0, 1fr); }
  .stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .tab.filter { margin-left: 0; }
  .table-card { background: transparent; border: 0; box-shadow: none; padding: 0; }
  .queue, .queue tbody { display: block; width: 100%; }
  .queue thead { display: none; }
  /* Each row a compact card: the tool, then verdict · ship · cost · date · flags on one line, then the scores. */
  .queue tr { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); margin-bottom: 10px; padding: 12px 14px; }
  .queue tbody tr:hover { background: var(--card); }
  .queue td { display: block; width: auto; border: 0; padding: 0; text-align: left; }
  .queue td.cell-tool { flex: 1 1 100%; }
  .queue td.cell-panel, .queue td.cell-decision { flex: 1 1 100%; order: 10; }
  .queue td.cell-decision { order: 11; font-size: 13px; }
  .cell-ship::after { content: " ship"; color: var(--muted); }
  .cell-cost, .cell-created { color: var(--muted); font-size: 13px; }
  .cell-flags.no-flags { display: none; }
  .queue tr.is-incomplete td:first-child, .queue tr.is-flagged:not(.is-incomplete) td:first-child { box-shadow: none; }
  .queue tr.is-incomplete { border-left: 4px solid var(--mixed); }
  .queue tr.is-flagged:not(.is-incomplete) { border-left: 4px solid var(--skip); }
  .cell-decision { max-width: none; }
  .event { grid-template-columns: minmax(0, 1fr); gap: 0; }
  .facts > div, .usage > div { grid-template-columns: minmax(0, 1fr); gap: 0; }
}
` + CLAIMS_CSS + CORRECTION_CSS + CHANGES_CSS;
