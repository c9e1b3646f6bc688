import { describe, expect, it } from 'vitest';
import { buildPersonaRequest, cutExcerpt, sharedPrefixText } from '../../src/panel/prompt.js';
import { projectPaths } from '../../src/paths.js';
import type { ChatMessage } from '../../src/providers/model.js';
import { loadPersonas, loadPromptTemplates } from '../../src/templates/index.js';
import { fusionProfile, shortPage } from './fixtures.js';

const templates = await loadPromptTemplates(projectPaths.prompts);
const panel = await loadPersonas(projectPaths.personas);

function requests(pageExcerpt: string | null = shortPage) {
  return panel.map((persona) =>
    buildPersonaRequest({ profile: fusionProfile, pageExcerpt, panel, persona, threshold: 50, template: templates.review }),
  );
}

function parts(message: ChatMessage | undefined) {
  const [shared, personal, ...rest] = message?.parts ?? [];
  expect(rest).toEqual([]);
  return { shared: shared!, personal: personal! };
}

/** Characters of the system text plus the first part, over all characters sent, summed over calls. */
function sharedShare(pageExcerpt: string | null): number {
  let shared = 0;
  let total = 0;
  for (const request of requests(pageExcerpt)) {
    const { shared: first, personal } = parts(request.messages[0]);
    shared += request.system.length + first.text.length;
    total += request.system.length + first.text.length + personal.text.length;
  }
  return shared / total;
}

describe('buildPersonaRequest', () => {
  it('sends a byte-identical system text and first part to every persona, marked as the cache breakpoint', () => {
    const all = requests();
    const first = all[0]!;
    expect(first.messages).toHaveLength(1);
    expect(first.messages[0]?.role).toBe('user');
    for (const request of all) {
      expect(request.system).toBe(first.system);
      const { shared, personal } = parts(request.messages[0]);
      expect(shared.text).toBe(parts(first.messages[0]).shared.text);
      expect(shared.cacheBreakpoint).toBe(true);
      expect(personal.cacheBreakpoint).toBeUndefined();
    }
    expect(new Set(all.map((request) => parts(request.messages[0]).personal.text)).size).toBe(4);
  });

  it('names the persona and its task only in the second part', () => {
    for (const [index, request] of requests().entries()) {
      const name = panel[index]!.name;
      const { personal } = parts(request.messages[0]);
      expect(personal.text).toMatch(new RegExp(`^Persona: ${name}$`, 'm'));
      expect(personal.text).toContain(`Write your review as the ${name}`);
      expect(personal.text.length).toBeLessThan(500);
    }
  });

  it('puts the roster, the rule, the profile and the excerpt in the shared part', () => {
    const shared = sharedPrefixText({ profile: fusionProfile, pageExcerpt: shortPage, panel, threshold: 50, template: templates.review });
    for (const persona of panel) expect(shared).toContain(persona.body);
    expect(shared.indexOf('name="Builder"')).toBeLessThan(shared.indexOf('name="Creator"'));
    expect(shared).toContain('"ship" if and only if the score is 50 or higher');
    expect(shared).toMatch(/^Tool: OpenRouter Model Fusion$/m);
    expect(shared).toContain('Pricing: Paid — Pay-per-token (per model in fusion pool)');
    const excerpt = shared.slice(shared.indexOf('<untrusted_data source="tool page excerpt">'));
    expect(excerpt.indexOf('Send one prompt')).toBeGreaterThan(0);
    expect(excerpt.indexOf('Send one prompt')).toBeLessThan(excerpt.indexOf('</untrusted_data>'));
    expect(shared).not.toMatch(/\{\{\w+\}\}/);
  });

  it('does not depend on the order the panel is passed in', () => {
    const reversed = [...panel].reverse();
    const input = { profile: fusionProfile, pageExcerpt: shortPage, threshold: 50, template: templates.review };
    expect(sharedPrefixText({ ...input, panel: reversed })).toBe(sharedPrefixText({ ...input, panel }));
  });

  it('keeps at least 70% of the characters of the four calls in the shared prefix', () => {
    const short = sharedShare(shortPage);
    const long = sharedShare('Lorem ipsum dolor sit amet. '.repeat(400));
    const none = sharedShare(null);
    console.info(`shared-prefix share: short page ${short.toFixed(3)}, long page ${long.toFixed(3)}, no page ${none.toFixed(3)}`);
    expect(short).toBeGreaterThanOrEqual(0.7);
    expect(long).toBeGreaterThanOrEqual(short);
    expect(none).toBeGreaterThanOrEqual(0.7);
  });

  it('cuts a long page to about 6000 characters, inside the delimiters', () => {
    const excerpt = cutExcerpt('word '.repeat(3000));
    expect(excerpt.length).toBeLessThanOrEqual(6000 + 20);
    expect(excerpt).toMatch(/word \[…excerpt cut\]$/);
    expect(cutExcerpt('short')).toBe('short');
  });

  it('refuses a persona that is not in the panel', () => {
    const stranger = { ...panel[0]!, id: 'stranger' };
    expect(() =>
      buildPersonaRequest({ profile: fusionProfile, pageExcerpt: null, panel, persona: stranger, threshold: 50, template: templates.review }),
    ).toThrow(/not in the panel/);
  });
});
