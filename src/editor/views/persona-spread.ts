/**
 * Issue 14 on a persona card: the persona's self-rated confidence and, when it was asked more
 * than once (`review --repeat N`), the spread of its runs (score SD, min–max), each run's
 * score and verdict, failed runs, and a badge when the verdict flipped between runs. Only the
 * desk's existing classes, so the stylesheet is unchanged.
 */
import { html } from 'hono/html';
import type { Failure, PersonaReview } from '../../schemas.js';
import type { Html } from './format.js';

function runsLine(entry: PersonaReview): Html {
  const spread = entry.spread;
  if (spread == null) return html``;
  const runs = (entry.runs ?? []).map((run) =>
    run.status === 'answered'
      ? html`<li>run ${run.run}: ${run.score} · ${run.verdict}${run.confidence === undefined ? '' : html` (confidence ${run.confidence})`}${run.run === spread.keptRun ? html` — quote kept` : ''}</li>`
      : html`<li>run ${run.run}: failed — ${run.error}</li>`,
  );
  return html`<p class="persona-meta run-spread">${spread.runs} runs · median ${spread.median} · SD ${spread.sd ?? '—'} · min–max ${spread.min}–${spread.max}${spread.flipped ? html` <span class="badge warn">verdict flipped between runs</span>` : ''}</p>
<details class="persona-runs"><summary class="persona-meta">Every run</summary><ul class="persona-meta">${runs}</ul></details>`;
}

/** Confidence and spread under the card's quote; nothing for a review made before issue 14 or a single run without confidence. */
export function personaSpread(entry: PersonaReview | Failure): Html {
  if (!('score' in entry)) {
    const failedRuns = entry.runs?.length ?? 0;
    return failedRuns > 1 ? html`<p class="persona-meta">all ${failedRuns} runs failed</p>` : html``;
  }
  const confidence = entry.confidence === undefined ? html`` : html`<p class="persona-meta">Model's confidence ${entry.confidence}/100</p>`;
  return html`${confidence}${runsLine(entry)}`;
}
