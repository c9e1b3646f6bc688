/**
 * The comparison page as HTML, in the reference pages' order: header (with the verdict line),
 * the two tool cards with their panel % and verdict, the decision table, the reviewer
 * scorecard. Every value is escaped by hono's `html` template; `raw` is used only for our own
 * stylesheet. No `style=` attribute (the meter's width is a class), so the page also renders
 * under a CSP without 'unsafe-inline' when the stylesheet is linked (`stylesheetHref`). Pure:
 * the editor's preview route calls it too.
 */
import { html, raw } from 'hono/html';
import { SITE_NAME } from './compare.js';
import { verdictChangeLine } from './history.js';
import { PAGE_CSS, shareClass } from './page-css.js';
import { publicUrl } from './public-url.js';
import type { ComparisonPage, ScorecardCell, ToolCard } from './schemas.js';

type Fragment = ReturnType<typeof html>;

export interface ComparisonHtmlOptions {
  /** Link this stylesheet (PAGE_CSS served by the caller) instead of inlining a `<style>` element. */
  stylesheetHref?: string;
  /** The editor's preview: a strip above the page saying so, with a way back (and a note, if any). */
  previewBar?: { back: { href: string; text: string }; note?: string; lineForm?: LineForm };
}

/** The editor's preview: a form to write the verdict line by hand (POST, no model). */
export interface LineForm {
  action: string;
  /** Hidden fields the action needs (the CSRF token, the two tools). */
  hidden: ReadonlyArray<{ name: string; value: string }>;
  /** The line as it stands, to start from; empty without one. */
  current: string;
  maxLength: number;
}

/** Our templates never interpolate promises, so `html` always returns a string at once. */
function text(fragment: Fragment): string {
  if (fragment instanceof Promise) throw new Error('comparison page rendering went asynchronous');
  return fragment.toString();
}

/** Only http(s) addresses become links; anything else stays text. */
function toolName(card: ToolCard): Fragment {
  const href = publicUrl(card.url);
  return href == null ? html`${card.name}` : html`<a href="${href}" rel="noopener noreferrer nofollow">${card.name}</a>`;
}

function toolCard(card: ToolCard): Fragment {
  return html`<article class="card" aria-label="${card.name}">
  <div class="card-head">
    <div class="avatar" aria-hidden="true">${card.initial}</div>
    <span class="chip">${card.category}</span>
  </div>
  <div>
    <h2>${toolName(card)}</h2>
    <p class="tagline">${card.tagline}</p>
  </div>
  <div class="figures">
    <div class="figure panel ${card.verdict ?? 'none'}">
      <span class="word">${card.verdictWord}</span>
      <span class="value">${card.shipPercentText}</span>
      <span class="name">Panel ship</span>
    </div>
    <div class="figure"><span class="value">${card.community.figure}</span><span class="name">Community</span></div>
    <div class="figure entry"><span class="value">${card.entry}</span><span class="name">Entry</span></div>
  </div>
  <div class="meter" role="img" aria-label="${card.shipPercentText} of the panel would ship it"><span class="${shareClass(card.shipPercent ?? 0)}"></span></div>
  ${card.panelComplete ? '' : html`<p class="incomplete">Incomplete panel: a reviewer has no answer yet.</p>`}
  ${card.verdictChange == null ? '' : html`<p class="verdict-change ${card.verdictChange.to}">${verdictChangeLine(card.verdictChange)}</p>`}
  <p class="description">${card.description}</p>
  <p class="disclosure">${card.disclosure.text}</p>
</article>`;
}

function decisionTable(page: ComparisonPage): Fragment {
  const [a, b] = page.tools;
  const value = (key: string, tool: ToolCard, content: string) =>
    key === 'panel-verdict' ? html`<span class="pill ${tool.verdict}">${content}</span>` : html`${content}`;
  return html`<section aria-labelledby="decision-title">
  <h2 class="section-title" id="decision-title">Decision</h2>
  <table class="decision">
    <thead><tr><th scope="col">Decision</th><th scope="col">${a.name}</th><th scope="col">${b.name}</th></tr></thead>
    <tbody>
      ${page.decision.map(
        (row) => html`<tr><th scope="row">${row.label}</th><td data-tool="${a.name}">${value(row.key, a, row.values[0])}</td><td data-tool="${b.name}">${value(row.key, b, row.values[1])}</td></tr>`,
      )}
    </tbody>
  </table>
</section>`;
}

function scoreCell(cell: ScorecardCell | null, card: ToolCard): Fragment {
  if (cell == null) {
    return html`<div class="persona-cell empty"><div class="who"><span class="tool">${card.name}</span></div><p>No review from this reviewer.</p></div>`;
  }
  return html`<div class="persona-cell">
      <div class="who"><span class="tool">${card.name}</span><span class="pill ${cell.verdict}">${cell.text}</span></div>
      <blockquote>“${cell.quote}”</blockquote>
    </div>`;
}

function scorecard(page: ComparisonPage): Fragment {
  const [a, b] = page.tools;
  return html`<section aria-labelledby="scorecard-title">
  <h2 class="section-title" id="scorecard-title">Reviewer scorecard</h2>
  ${page.scorecard.map(
    (row) => html`<article class="persona">
    <h3>${row.name}</h3>
    <div class="persona-cells">
      ${scoreCell(row.cells[0], a)}
      ${scoreCell(row.cells[1], b)}
    </div>
  </article>`,
  )}
</section>`;
}

function verdictLine(page: ComparisonPage): Fragment {
  const line = page.verdictLine;
  if (line == null) return html``;
  const status = line.status === 'approved' ? '' : html`<span class="tag">Draft</span>`;
  return html`<aside class="verdict-line" aria-label="Our verdict"><span class="label">Our verdict</span>${status}<p>${line.text}</p><p class="byline">${line.label}</p></aside>`;
}

function previewBar(bar: ComparisonHtmlOptions['previewBar']): Fragment | '' {
  if (bar == null) return '';
  const note = bar.note ? html`<span class="note">${bar.note}</span>` : '';
  const form = bar.lineForm;
  const lineForm = form
    ? html`<form class="line-form" method="post" action="${form.action}">${form.hidden.map((field) => html`<input type="hidden" name="${field.name}" value="${field.value}">`)}<label for="verdict-line">Verdict line, written by you (no model)</label><input id="verdict-line" name="line" type="text" required maxlength="${form.maxLength}" value="${form.current}"><button type="submit">Save the line</button></form>`
    : '';
  return html`<div class="preview-bar" role="note"><div class="wrap"><strong>Editor's preview</strong><a href="${bar.back.href}">← ${bar.back.text}</a>${note}${lineForm}</div></div>\n`;
}

/** The whole page as one HTML document (CSS inline, or linked with `stylesheetHref`; no scripts). */
export function renderComparisonHtml(page: ComparisonPage, options: ComparisonHtmlOptions = {}): string {
  const [a, b] = page.tools;
  const banner = page.preview
    ? html`<div class="preview-banner" role="note"><div class="wrap"><strong>Draft preview.</strong> Built from reviews an editor has not approved yet; not published.</div></div>`
    : '';
  const stylesheet =
    options.stylesheetHref == null
      ? html`<style>${raw(PAGE_CSS)}</style>`
      : // Served pages: an empty icon too, so the browser asks the server for no /favicon.ico.
        html`<link rel="icon" href="data:,">\n<link rel="stylesheet" href="${options.stylesheetHref}">`;
  return `<!doctype html>\n${text(html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — ${SITE_NAME}</title>
<meta name="description" content="${page.intro}">
${stylesheet}
</head>
<body>
${previewBar(options.previewBar)}<div class="topbar"><div class="wrap"><span class="brand">Ship <span>or</span> Skip</span><nav class="crumbs" aria-label="Breadcrumb">Compare / ${page.heading}</nav></div></div>
${banner}
<main class="wrap">
  <header class="page-head">
    <p class="eyebrow">AI tool comparison</p>
    <h1>${page.heading}</h1>
    <p class="intro">${page.intro}</p>
    ${verdictLine(page)}
  </header>
  <section aria-label="The two tools">
    <div class="cards">
      ${toolCard(a)}
      ${toolCard(b)}
    </div>
  </section>
  ${decisionTable(page)}
  ${scorecard(page)}
</main>
<footer><div class="wrap">${SITE_NAME} · Panel verdicts from our reviewer personas, read by an editor before they are published.</div></footer>
</body>
</html>`)}\n`;
}
