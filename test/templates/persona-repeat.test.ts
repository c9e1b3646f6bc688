/** The persona file's `repeat:` default and how it ranks against `--repeat` and PANEL_REPEAT (issue 14). */
import { describe, expect, it } from 'vitest';
import { repeatsOf } from '../../src/review/index.js';
import { parsePersona } from '../../src/templates/index.js';

const file = (extra: string) => `---
id: futurist
name: Futurist
order: 3
defaultModel: openai:gpt-5.4-mini
temperature: 0.7
${extra}
---
The Futurist judges where a tool is heading.
`;

describe('repeat in persona files', () => {
  it('reads repeat: 1–9 and refuses anything else', () => {
    expect(parsePersona(file('repeat: 3'), 'futurist.md').repeat).toBe(3);
    expect(parsePersona(file(''), 'futurist.md').repeat).toBeUndefined();
    expect(() => parsePersona(file('repeat: 12'), 'futurist.md')).toThrow(/repeat/);
    expect(() => parsePersona(file('repeat: 1.5'), 'futurist.md')).toThrow(/repeat/);
  });

  it('--repeat beats the persona file, which beats PANEL_REPEAT; the default is 1', () => {
    const futurist = parsePersona(file('repeat: 3'), 'futurist.md');
    const builder = { ...parsePersona(file(''), 'futurist.md'), id: 'builder' };
    const runs = (flag: number | undefined, configured: number | undefined) => Object.fromEntries(repeatsOf([futurist, builder], flag, configured));
    expect(runs(undefined, undefined)).toEqual({ futurist: 3, builder: 1 });
    expect(runs(undefined, 2)).toEqual({ futurist: 3, builder: 2 });
    expect(runs(5, 2)).toEqual({ futurist: 5, builder: 5 });
    expect(() => runs(0, undefined)).toThrow(/--repeat must be a whole number from 1 to 9/);
  });
});
