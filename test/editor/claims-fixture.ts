/**
 * A draft with hand-built grounding data (test input, not model output): the Model Fusion
 * description of issue 12 with its invented modes and overhead figure, one supported claim
 * with its source span, and an unsupported number in the skeptic's quote.
 */
import type { Claim, Review } from '../../src/schemas.js';
import { checkedGrounding, sampleReview } from '../store/sample-review.js';

export const PAGE = 'Fusion sends your prompt to a panel of up to 8 models in parallel; a judge model compares their answers.';
export const DESCRIPTION = 'Runs a panel of up to 8 models in parallel and offers three fusion modes (best-of, merge and debate) at 20–30% overhead.';
export const SKEPTIC_QUOTE = 'It adds 20–30% overhead to every call, and fusion hides which model was wrong.';

/** [start, end) of `words` in `text`; throws when they are not there, so a fixture typo fails loudly. */
export function spanOf(text: string, words: string): { start: number; end: number } {
  const start = text.indexOf(words);
  if (start === -1) throw new Error(`"${words}" is not in "${text}"`);
  return { start, end: start + words.length };
}

export function claim(partial: Omit<Claim, 'span' | 'support' | 'status' | 'kind'> & Partial<Claim> & { in: string }): Claim {
  const { in: text, ...rest } = partial;
  return { kind: 'feature', status: 'unsupported', support: null, span: spanOf(text, partial.text), ...rest };
}

export function groundedClaims(description = DESCRIPTION, skepticQuote = SKEPTIC_QUOTE): Claim[] {
  const supportedWords = 'a panel of up to 8 models in parallel';
  return [
    claim({
      id: 'c1',
      field: 'description',
      text: supportedWords,
      in: description,
      status: 'supported',
      support: { source: 'page', ...spanOf(PAGE, supportedWords), quote: supportedWords, method: 'deterministic' },
    }),
    claim({ id: 'c2', field: 'description', text: 'three fusion modes (best-of, merge and debate)', in: description, kind: 'mode' }),
    claim({ id: 'c3', field: 'description', text: '20–30% overhead', in: description, kind: 'number' }),
    claim({ id: 'c4', field: 'quote', personaId: 'skeptic', text: '20–30% overhead', in: skepticQuote, kind: 'number' }),
  ];
}

export const GROUNDED_ID = '9a9a9a9a-0000-4000-8000-000000000012';

/** The sample panel with the grounded description and skeptic quote. */
export function groundedReview(overrides: Partial<Review> = {}): Review {
  const base = sampleReview({ id: GROUNDED_ID });
  return {
    ...base,
    tool: { ...base.tool, description: DESCRIPTION },
    reviews: base.reviews.map((answer) => (answer.persona === 'skeptic' ? { ...answer, quote: SKEPTIC_QUOTE } : answer)),
    grounding: checkedGrounding(groundedClaims()),
    ...overrides,
  };
}
