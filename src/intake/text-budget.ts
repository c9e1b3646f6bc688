/**
 * Page text is cut to a fixed budget before it reaches any prompt: the profile and every
 * persona share it, so it is paid for once per call. Cutting on a paragraph boundary keeps the
 * last paragraph whole instead of ending mid-sentence.
 */

/** About 6k tokens of English: enough for a landing page or README, cheap enough for a panel. */
export const TEXT_BUDGET = 24_000;

export function applyTextBudget(text: string, budget: number = TEXT_BUDGET): { text: string; truncated: boolean } {
  if (text.length <= budget) return { text, truncated: false };
  const head = text.slice(0, budget);
  // Prefer a blank line, then a line break, then a sentence end; never keep less than half.
  for (const boundary of ['\n\n', '\n', '. ']) {
    const at = head.lastIndexOf(boundary);
    if (at >= budget / 2) return { text: head.slice(0, at + (boundary === '. ' ? 1 : 0)).trimEnd(), truncated: true };
  }
  return { text: head.trimEnd(), truncated: true };
}

/** Collapses runs of blank lines and trailing spaces that extraction leaves behind. */
export function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
