/** Small, pure formatting for the editor's pages: numbers, money, dates, verdict classes. */
import { html } from 'hono/html';
import type { Verdict } from '../../schemas.js';

/** What `html` returns; pages are built from these and handed to `c.html`. */
export type Html = ReturnType<typeof html>;

/** `$0.0021` below a dollar (a review costs cents), `$12.40` above. */
export function money(usd: number): string {
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}

/** A mean score to one decimal at most: 71.25 → "71.3", 80 → "80"; "—" for a panel with no answer. */
export function mean(value: number | null): string {
  return value == null ? '—' : String(Number(value.toFixed(1)));
}

/** A panel ship share, "75%"; "—" for a panel with no answer. */
export function percent(value: number | null): string {
  return value == null ? '—' : `${value}%`;
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Mar 2026, 09:00 UTC": one reading for every editor, whatever their time zone. */
export function when(iso: string | null | undefined): string {
  if (iso == null) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

/** "2 Mar, 09:00" — for dense rows (UTC, like `when`). */
export function day(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

/** CSS class of a verdict: ship (green), skip (red), mixed (amber). */
export function verdictClass(verdict: Verdict | 'mixed' | null): string {
  return verdict == null ? 'failed' : verdict;
}

/** "Ship" from "ship". */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A 0–100 score bar; the width comes from a stylesheet rule per score (no inline style under the CSP). */
export function scoreBar(score: number | null): Html {
  const value = score == null ? 0 : Math.max(0, Math.min(100, Math.round(score)));
  return html`<span class="bar" aria-hidden="true"><span class="fill" data-score="${value}"></span></span>`;
}
