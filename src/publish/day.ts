/** Days as the published pages write them. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "21 April 2026" for "2026-04-21…" (UTC, English, fixed: the same text on every machine). */
export function formatDay(isoTime: string): string {
  const [year, month, day] = isoTime.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1] ?? ''} ${year}`;
}
