/** Ship rate over time per persona (all its models together), by ISO week or calendar month of the review's creation. */
import type { LoadedReview } from './load.js';
import type { Timeline } from './schema.js';

/** A span of up to 26 weeks is shown by week, a longer one by month. */
const WEEKS_SPAN_DAYS = 26 * 7;

export function periodOf(iso: string, by: 'week' | 'month'): string {
  const date = new Date(iso);
  if (by === 'month') return iso.slice(0, 7);
  // ISO 8601 week: the week with the year's first Thursday is week 1.
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function timelineOf(reviews: readonly LoadedReview[], by: 'week' | 'month' | 'auto'): Timeline {
  const first = reviews[0]?.createdAt;
  const last = reviews.at(-1)?.createdAt;
  const span = first == null || last == null ? 0 : (Date.parse(last) - Date.parse(first)) / 86_400_000;
  const unit = by === 'auto' ? (span <= WEEKS_SPAN_DAYS ? 'week' : 'month') : by;
  const periods = [...new Set(reviews.map((review) => periodOf(review.createdAt, unit)))].sort();
  const series = new Map<string, { name: string; counts: Map<string, { ship: number; all: number }> }>();
  for (const review of reviews) {
    const period = periodOf(review.createdAt, unit);
    for (const persona of review.personas) {
      if (persona.modelAnswer == null) continue;
      let entry = series.get(persona.persona);
      if (entry == null) series.set(persona.persona, (entry = { name: persona.name, counts: new Map() }));
      const count = entry.counts.get(period) ?? { ship: 0, all: 0 };
      count.all += 1;
      if (persona.modelAnswer.verdict === 'ship') count.ship += 1;
      entry.counts.set(period, count);
    }
  }
  return {
    by: unit,
    periods,
    series: [...series].map(([persona, entry]) => ({
      persona,
      name: entry.name,
      points: periods.map((period) => {
        const count = entry.counts.get(period);
        return { period, reviews: count?.all ?? 0, shipRate: count == null || count.all === 0 ? null : count.ship / count.all };
      }),
    })),
  };
}
