/** The simulator's grounding answers come from the prompt's own text: it never invents support. */
import { describe, expect, it } from 'vitest';
import { simulatedClaims, simulatedRewrite, simulatedSupport } from '../../src/simulator/grounding.js';

const SOURCE = 'Toolo runs locally on your machine. It supports 12 languages.\nPricing is free for individuals.';
const block = (label: string, text: string) => `<untrusted_data source="${label}">\n${text}\n</untrusted_data>`;

describe('simulated grounding answers', () => {
  it('lists the clauses with numbers and names, never opinions, and nothing of its own simulated filler', () => {
    const prompt = `Known names (not claims): Toolo, Builder\n${block('text to check', "Toolo supports 40 languages and works with Claude Code. I'd ship it; the future is local.")}`;
    expect(simulatedClaims(prompt).claims).toEqual([{ text: 'Toolo supports 40 languages and works with Claude Code', kind: 'number' }]);
    const own = `Known names (not claims): Toolo, Builder\n${block('text to check', '(simulated) As the Builder, I would ship Toolo: setup took minutes.')}`;
    expect(simulatedClaims(own).claims).toEqual([]);
  });

  it('answers support with a sentence copied from the sources, or null', () => {
    const prompt = `${block('source page', SOURCE)}\n${block('claims to check', '- [k1] it runs on your own machine locally\n- [k2] it has a debate mode')}`;
    const { supports } = simulatedSupport(prompt);
    expect(supports).toEqual([
      { id: 'k1', sentence: 'Toolo runs locally on your machine.' },
      { id: 'k2', sentence: null },
    ]);
    for (const { sentence } of supports) if (sentence) expect(SOURCE).toContain(sentence);
  });

  it('rewrites by dropping the sentences that carry the unsupported claims', () => {
    const prompt = `${block('text to rewrite', 'It runs locally. It supports 40 languages. Setup is quick.')}\n${block('claims without support', '- supports 40 languages')}`;
    expect(simulatedRewrite(prompt)).toEqual({ text: 'It runs locally. Setup is quick.' });
  });
});
