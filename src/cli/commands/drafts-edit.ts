/**
 * `drafts edit` and `drafts amend`: one Desk call each and the lines they print. An edit of a
 * published review lands in its correction draft; the first line then says which, and whether
 * it was opened now or already open.
 */
import { shortId, type Desk } from '../../editor/index.js';
import { UsageError } from '../../errors.js';
import type { Review, Verdict } from '../../schemas.js';
import type { Seen } from '../../editor/index.js';
import { terminalLine } from '../../terminal-text.js';
import { formatChange } from '../print-drafts.js';

export interface EditInput {
  persona?: string | undefined;
  score?: number | undefined;
  verdict?: Verdict | undefined;
  quote?: string | undefined;
  keepQuote: boolean;
  tagline?: string | undefined;
  description?: string | undefined;
}

const correctionLine = (verb: string, review: Review, publishedId: string) =>
  `${verb} ${shortId(review.id)} of the published review ${shortId(publishedId)} (${review.tool.name})`;

export function editCommand(desk: Desk, ref: string, input: EditInput, by: string, seen: Seen): { review: Review; text: string } {
  const published = desk.resolve(ref);
  // Only to word the first line: the desk opens or reuses the correction in the edit's own transaction.
  const open = published.status === 'approved' ? desk.show(published.id).amendment.openCorrection : null;
  const fields = (['tagline', 'description'] as const).filter((field) => input[field] !== undefined);
  let review: Review;
  let done: string;
  if (fields.length > 0) {
    if (input.persona !== undefined) throw new UsageError('drafts edit changes a persona (--persona) or the profile (--tagline, --description), not both at once');
    review = desk.editProfile(published.id, { tagline: input.tagline, description: input.description }, by, seen);
    done = `Edited the ${fields.join(' and ')} on ${shortId(review.id)} by ${by}.\n`;
  } else {
    if (input.persona === undefined) throw new UsageError('drafts edit needs --persona P (or --tagline / --description) (see --help)');
    if (input.keepQuote && input.quote !== undefined) throw new UsageError('give --quote TEXT or --keep-quote, not both');
    const changes = { score: input.score, verdict: input.verdict, quote: input.quote, keepQuote: input.keepQuote };
    review = desk.edit(published.id, input.persona, changes, by, seen);
    done = formatChange(review, input.persona.trim().toLowerCase(), `Edited ${input.persona} on ${shortId(review.id)} by ${by}:`);
  }
  if (review.id === published.id) return { review, text: done };
  const verb = open === review.id ? 'Reused the open correction' : 'Opened correction';
  const first = terminalLine(`${correctionLine(verb, review, published.id)}; the published one stays live until you run: drafts approve ${shortId(review.id)}`);
  return { review, text: `${first}\n${done}` };
}

export function amendCommand(desk: Desk, ref: string, by: string): { review: Review; text: string } {
  const { review, published, reused } = desk.amend(ref, by);
  const short = shortId(review.id);
  const line = `${correctionLine(reused ? 'Reused the open correction' : 'Opened correction', review, published.id)} by ${by}; edit it with drafts edit ${short} …, publish it with drafts approve ${short}.`;
  return { review, text: `${terminalLine(line)}\n` };
}
