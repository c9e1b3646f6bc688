/**
 * The comparison page's stylesheet: our own constant text, inlined in the `--html` file so the
 * page is one file that works offline, and served at /assets/comparison.css for the editor's
 * preview (whose CSP allows no inline style). System fonts; two columns from 760 px, one below;
 * no scripts. No `style=` attribute either: the ship-share meter's width is a class, one rule
 * per whole percent (`share-0` … `share-100`), generated below.
 */
const SHARE_WIDTHS = Array.from({ length: 101 }, (_, percent) => `.meter .share-${percent}{width:${percent}%}`).join('');

/** The meter's class for a 0–100 share (clamped and rounded, so a rule always exists). */
export function shareClass(percent: number): string {
  const whole = Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : 0;
  return `share-${whole}`;
}

export const PAGE_CSS = `
:root {
  --ink: #17181c; --muted: #5d616b; --faint: #8a8f99; --line: #e4e1da; --paper: #f7f5f0; --card: #ffffff;
  --ship: #16794a; --ship-bg: #e3f4ea; --skip: #b42318; --skip-bg: #fdecea; --mixed: #8a5a00; --mixed-bg: #fdf1d6;
  --accent: #3b3bd6; --radius: 14px;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: inherit; }
.wrap { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
.topbar { border-bottom: 1px solid var(--line); background: var(--card); }
.topbar .wrap { display: flex; align-items: center; gap: 16px; min-height: 56px; flex-wrap: wrap; }
.brand { font-weight: 800; letter-spacing: -0.01em; text-decoration: none; }
.brand span { color: var(--ship); }
.crumbs { color: var(--muted); font-size: 14px; overflow-wrap: anywhere; }
.crumbs a { color: var(--muted); }
.preview-bar { background: var(--ink); color: #fff; font-size: 14px; padding: 8px 0; }
.preview-bar .wrap { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
.preview-bar a { color: #c7d2fe; font-weight: 600; }
.preview-bar .note { color: #d0d3da; }
.preview-bar .line-form { flex-basis: 100%; display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 6px 0 2px; }
.preview-bar .line-form label { flex-basis: 100%; color: #d0d3da; }
.preview-bar .line-form input[type=text] { flex: 1 1 240px; min-width: 0; font: inherit; padding: 6px 8px; border-radius: 6px; border: 1px solid #555; }
.preview-bar .line-form button { font: inherit; font-weight: 700; padding: 6px 12px; border-radius: 6px; border: none; background: #c7d2fe; color: var(--ink); cursor: pointer; }
.preview-banner {
  background: #fff4d6; border-bottom: 1px solid #f0d78c; color: #6b4b00; font-size: 14px; padding: 10px 0;
}
header.page-head { padding: 40px 0 8px; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; font-weight: 700; color: var(--accent); margin: 0 0 8px; }
h1 { font-size: clamp(28px, 5vw, 44px); line-height: 1.12; letter-spacing: -0.02em; margin: 0 0 12px; overflow-wrap: anywhere; }
.intro { color: var(--muted); font-size: 18px; max-width: 720px; margin: 0; }
.verdict-line {
  margin: 24px 0 0; padding: 16px 20px; background: var(--card); border: 1px solid var(--line);
  border-left: 4px solid var(--accent); border-radius: 10px; max-width: 820px;
}
.verdict-line p { margin: 4px 0 0; font-size: 17px; }
.verdict-line .label { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); }
.tag { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em;
  padding: 2px 8px; border-radius: 999px; background: #fff4d6; color: #6b4b00; margin-left: 8px; vertical-align: 1px; }
section { margin: 40px 0; }
h2.section-title { font-size: 22px; letter-spacing: -0.01em; margin: 0 0 16px; }
.cards { display: grid; grid-template-columns: 1fr; gap: 20px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 24px; display: flex; flex-direction: column; gap: 16px; min-width: 0; }
.card-head { display: flex; align-items: center; gap: 12px; }
.avatar { flex: none; width: 44px; height: 44px; border-radius: 12px; display: grid; place-items: center;
  font-weight: 800; font-size: 20px; color: #fff; background: linear-gradient(135deg, #3b3bd6, #7a4fd6); }
.card:nth-child(2) .avatar { background: linear-gradient(135deg, #0f8a6a, #2a6fd6); }
.chip { font-size: 12px; font-weight: 600; color: var(--muted); background: var(--paper); border: 1px solid var(--line); padding: 3px 10px; border-radius: 999px; }
.card h2 { font-size: 24px; line-height: 1.2; margin: 0; letter-spacing: -0.01em; overflow-wrap: anywhere; }
.card h2 a { text-decoration: none; }
.card h2 a:hover, .card h2 a:focus-visible { text-decoration: underline; text-underline-offset: 3px; }
.tagline { margin: 4px 0 0; color: var(--muted); }
/* The tiles share the row 1.4 : 1 : 1 but never shrink below their longest word (min-content),
   and wrap to a new row when those do not fit: "Freemium" is never cut into "Freemiu/m". */
.figures { display: flex; flex-wrap: wrap; gap: 12px; align-items: stretch; }
.figure { border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; display: flex; flex-direction: column; justify-content: center; flex: 1 1 0; min-width: min-content; }
.figure.panel { flex-grow: 1.4; }
.figure .value { font-size: 22px; font-weight: 800; line-height: 1.1; overflow-wrap: normal; word-break: normal; hyphens: none; }
.figure .name { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; font-weight: 600; }
.figure.panel { border: none; }
.figure.panel.ship { background: var(--ship-bg); color: var(--ship); }
.figure.panel.skip { background: var(--skip-bg); color: var(--skip); }
.figure.panel.mixed { background: var(--mixed-bg); color: var(--mixed); }
.figure.panel .name { color: inherit; opacity: 0.85; }
.figure.panel .word { font-size: 13px; font-weight: 800; text-transform: uppercase; letter-spacing: 0.08em; }
.figure.panel .value { font-size: 30px; }
.meter { height: 6px; border-radius: 999px; background: var(--line); overflow: hidden; }
.meter span { display: block; width: 0; height: 100%; background: var(--ship); border-radius: 999px; }
${SHARE_WIDTHS}
.description { color: #3b3e46; font-size: 15px; margin: 0; }
.verdict-change { margin: 0; font-size: 14px; font-weight: 700; color: var(--muted); }
.verdict-change.ship { color: var(--ship); }
.verdict-change.skip { color: var(--skip); }
.verdict-change.mixed { color: var(--mixed); }
.disclosure { margin: 0; padding-top: 12px; border-top: 1px solid var(--line); font-size: 12.5px; color: var(--muted); overflow-wrap: break-word; }
.verdict-line .byline { margin: 6px 0 0; font-size: 13px; color: var(--muted); }
.incomplete { font-size: 13px; color: var(--skip); margin: 0; }
table.decision { width: 100%; border-collapse: separate; border-spacing: 0; background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; table-layout: fixed; }
.decision th, .decision td { text-align: left; vertical-align: top; padding: 14px 18px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
.decision tr:last-child th, .decision tr:last-child td { border-bottom: none; }
.decision thead th { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); background: #fbfaf7; }
.decision tbody th { width: 22%; font-weight: 600; color: var(--muted); }
.pill { display: inline-block; font-weight: 700; font-size: 14px; padding: 2px 10px; border-radius: 999px; white-space: nowrap; }
.pill.ship { background: var(--ship-bg); color: var(--ship); }
.pill.skip { background: var(--skip-bg); color: var(--skip); }
.pill.mixed { background: var(--mixed-bg); color: var(--mixed); }
.persona { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 20px 24px; margin-bottom: 16px; }
.persona h3 { margin: 0 0 12px; font-size: 18px; }
.persona-cells { display: grid; grid-template-columns: 1fr; gap: 16px; }
.persona-cell { min-width: 0; }
.persona-cell .who { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin-bottom: 6px; }
.persona-cell .tool { font-size: 13px; font-weight: 700; color: var(--muted); }
.persona-cell blockquote { margin: 0; padding: 0 0 0 14px; border-left: 3px solid var(--line); color: #32353c; }
.persona-cell.empty p { margin: 0; color: var(--faint); font-style: italic; }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 14px; padding: 24px 0 40px; margin-top: 48px; }
@media (min-width: 760px) {
  .cards, .persona-cells { grid-template-columns: 1fr 1fr; }
  .persona-cells { gap: 28px; }
}
@media (max-width: 640px) {
  .wrap { padding: 0 16px; }
  header.page-head { padding-top: 28px; }
  .intro { font-size: 16px; }
  .card { padding: 18px; }
  .description { font-size: 14.5px; }
  .verdict-line p { font-size: 16px; }
  .figure.panel { flex-basis: 100%; flex-direction: row; align-items: baseline; gap: 10px; flex-wrap: wrap; }
  table.decision, .decision tbody, .decision tr, .decision th, .decision td { display: block; width: auto; }
  .decision thead { display: none; }
  .decision tbody tr { border-bottom: 1px solid var(--line); padding: 12px 16px; }
  .decision tbody tr:last-child { border-bottom: none; }
  .decision tbody th, .decision td { border: none; padding: 2px 0; width: auto; }
  .decision tbody th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; margin-bottom: 4px; }
  .decision td::before { content: attr(data-tool); display: block; font-size: 12px; font-weight: 700; color: var(--faint); }
  .decision td + td { margin-top: 8px; }
  .persona { padding: 16px 18px; }
}
`;
