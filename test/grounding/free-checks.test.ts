/** The free checks: normalisation, number forms, dates, quoted terms, names, and the verbatim rule. */
import { describe, expect, it } from 'vitest';
import { checkDeterministic, hardTerms, prepareSource, verbatimSupport } from '../../src/grounding/index.js';

const page = prepareSource(
  'page',
  'Aider has 34,612 stars on GitHub and supports over 100 languages.\n' +
    'Released on April 7, 2026 under the Apache-2.0 license.\n' +
    'It costs $20/month for teams, about 1,000 requests a day, and runs 3x faster than v1.\n' +
    'The "Best-of" option picks one answer.  It works with   Claude Code and Gemini CLI.',
);
const facts = prepareSource('facts', 'stars: 1234\ncreated: 2023-05-01T10:00:00Z');
const sources = [page, facts];
const check = (claim: string, known: string[] = ['Aider']) => checkDeterministic(claim, known, sources);

describe('free checks', () => {
  it.each([
    ['34.6k stars on GitHub', 'rounded with k'],
    ['over 34,000 stars on GitHub', 'rounded down'],
    ['34612 stars on GitHub', 'thousands separator dropped'],
    ['about 1k requests a day', '1k is 1,000'],
    ['1,200+ stars', 'a fact, rounded'],
    ['runs 3× faster than v1', '× is x'],
  ])('a number stated another way is found: %s (%s)', (claim) => {
    const result = check(claim);
    expect(result.status, JSON.stringify(result)).not.toBe('unsupported');
  });

  it.each([
    ['36k stars on GitHub', 'number "36k"'],
    ['supports over 100 languages at 30% lower cost', 'number "30%"'],
    ['100% of languages', 'number "100%"'],
    ['costs $25/month for teams', 'number "$25"'],
    ['released in March 2026', 'date "March 2026"'],
    ['the "debate" mode', 'quoted "debate"'],
    ['works with Cursor', 'name "Cursor"'],
  ])('a hard term no source states is unsupported: %s', (claim, term) => {
    const result = check(claim);
    expect(result.status).toBe('unsupported');
    expect(result.status === 'unsupported' && result.reason).toContain(term);
  });

  it('normalises case, punctuation and dashes, and keeps the source span', () => {
    const result = check('the best of option');
    expect(result.status).toBe('supported');
    if (result.status !== 'supported') return;
    expect(result.support).toMatchObject({ source: 'page', method: 'deterministic', quote: 'The "Best-of" option' });
    expect(page.text.slice(result.support.start, result.support.end)).toBe(result.support.quote);
  });

  it('dates match across forms, and a year matches a fact', () => {
    expect(check('released April 2026 under the Apache-2.0 license').status).toBe('supported');
    expect(check('created in 2023').status).not.toBe('unsupported');
    expect(check('created in May 2023').status).not.toBe('unsupported');
  });

  it('a sentence naming the terms but not saying the claim is left to the model', () => {
    expect(check('Aider was acquired by Claude Code')).toEqual({ status: 'pending' });
  });

  it('the tool and persona names are not claims; sentence starts are not names', () => {
    const terms = hardTerms("As the Builder, I'd ship Aider. Latency is fine and OpenRouter's routing helps.", ['Aider', 'Builder']);
    expect(terms.map((term) => `${term.kind}:${term.raw}`)).toEqual(['name:OpenRouter']);
  });

  it('a model sentence counts only when a source contains it verbatim (whitespace aside)', () => {
    const found = verbatimSupport('It works with Claude Code and Gemini CLI.', sources);
    expect(found).toMatchObject({ source: 'page', method: 'model', quote: 'It works with   Claude Code and Gemini CLI.' });
    expect(verbatimSupport('It works with Claude Code and the Gemini CLI.', sources)).toBeNull();
    expect(verbatimSupport('It integrates with Claude Code.', sources)).toBeNull();
  });
});
