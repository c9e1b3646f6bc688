/**
 * "What changed since the published review", on a re-review draft (`batch --stale`): why it
 * was re-reviewed, the verdict old → new (panel and each persona) and the source diffs. The
 * diff lines are page text: every value goes through `html` (escaped), and the diff sits in
 * a block labelled as the tool's own text, so nothing in it reads as ours.
 */
import { html } from 'hono/html';
import type { DiffLine, ReviewChanges, ScoreCall, SourceDiff } from '../../freshness/index.js';
import { count, mean, verdictClass, when, type Html } from './format.js';

const call = (value: ScoreCall | null): Html =>
  value == null ? html`<span class="muted">no answer</span>` : html`<b>${value.score}</b> <span class="chip ${verdictClass(value.verdict)}">${value.verdict}</span>`;

function diffLine(line: DiffLine): Html {
  switch (line.op) {
    case 'gap':
      return html`<li class="diff-gap">… ${count(line.lines, 'unchanged line')}</li>`;
    case 'changed':
      return html`<li class="diff-changed">${line.parts.map((part) =>
        part.op === 'removed' ? html`<del>${part.text}</del>` : part.op === 'added' ? html`<ins>${part.text}</ins>` : html`<span>${part.text}</span>`,
      )}</li>`;
    case 'added':
      return html`<li class="diff-added"><ins>${line.text}</ins></li>`;
    case 'removed':
      return html`<li class="diff-removed"><del>${line.text}</del></li>`;
    default:
      return html`<li class="diff-same">${line.text}</li>`;
  }
}

function sourceDiff(source: SourceDiff): Html {
  const head = html`<h3><span class="badge">${source.kind}</span> <span class="muted">${source.url}</span> — ${source.status}</h3>`;
  if (source.status === 'unchanged') return html`<div class="source-diff">${head}</div>`;
  return html`<div class="source-diff">${head}
  <div class="page-text"><span class="snippet-label">Page text (normalised, as read from the tool)</span>
    <ul class="diff">${source.lines.map(diffLine)}</ul>
  </div>
  ${source.omitted > 0 ? html`<p class="hint">… ${count(source.omitted, 'more diff line')} not shown.</p>` : ''}
  ${source.truncated ? html`<p class="hint">The stored text was cut; the diff covers its first part.</p>` : ''}
</div>`;
}

export function changesCard(changes: ReviewChanges | null | undefined): Html {
  if (changes == null) return html``;
  const { verdict } = changes;
  return html`<section class="card changes-card" id="changes">
  <h2>What changed since the published review</h2>
  <p>Re-review of <a href="/reviews/${encodeURIComponent(changes.amends)}"><code>${changes.amends.slice(0, 8)}</code></a>, published ${when(changes.publishedAt)}. Re-reviewed because: ${changes.reasons.join('; ') || 'unknown'}.</p>
  <table class="verdict-diff">
    <thead><tr><th></th><th>Published</th><th>This draft</th></tr></thead>
    <tbody>
      <tr class="${verdict.panel.changed ? 'is-changed' : ''}"><th>Panel</th><td><span class="pill ${verdictClass(verdict.panel.before.verdict)}">${verdict.panel.before.label}</span> mean ${mean(verdict.panel.before.meanScore)}</td><td><span class="pill ${verdictClass(verdict.panel.after.verdict)}">${verdict.panel.after.label}</span> mean ${mean(verdict.panel.after.meanScore)}</td></tr>
      ${verdict.personas.map((each) => html`<tr class="${each.changed ? 'is-changed' : ''}"><th>${each.name}</th><td>${call(each.before)}</td><td>${call(each.after)}</td></tr>`)}
    </tbody>
  </table>
  ${changes.sources.map(sourceDiff)}
</section>`;
}
