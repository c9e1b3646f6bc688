import { describe, expect, it } from 'vitest';
import { buildPersonaRequest, cutExcerpt, reviewCacheKey, sharedPrefixText } from '../../src/panel/prompt.js';
import { projectPaths } from '../../src/paths.js';
import type { ChatMessage } from '../../src/providers/model.js';
import { loadPersonas, loadPromptTemplates } from '../../src/templates/index.js';
import { fusionProfile, shortPage } from './fixtures.js';

const templates = await loadPromptTemplates(projectPaths.prompts);
const panel = await loadPersonas(projectPaths.personas);

function requests(pageExcerpt: string | null = shortPage, toolPrefixReaders = 2) {
  return panel.map((persona) =>
    buildPersonaRequest({ profile: fusionProfile, pageExcerpt, panel, persona, threshold: 50, template: templates.review, toolPrefixReaders }),
  );
}

/** The every-tool part, the tool's part and the persona's part, in that order. */
function parts(message: ChatMessage | undefined) {
  const [everyTool, tool, personal, ...rest] = message?.parts ?? [];
  expect(rest).toEqual([]);
  return { everyTool: everyTool!, tool: tool!, personal: personal! };
}

/** Characters of the system text plus the shared parts, over all characters sent, summed over calls. */
function sharedShare(pageExcerpt: string | null): number {
  let shared = 0;
  let total = 0;
  for (const request of requests(pageExcerpt)) {
    const { everyTool, tool, personal } = parts(request.messages[0]);
    shared += request.system.length + everyTool.text.length + tool.text.length;
    total += request.system.length + everyTool.text.length + tool.text.length + personal.text.length;
  }
  return shared / total;
}

describe('buildPersonaRequest', () => {
  it('sends a byte-identical system text and shared parts to every persona, each ending at a cache breakpoint', () => {
    const all = requests();
    const first = all[0]!;
    expect(first.messages).toHaveLength(1);
    expect(first.messages[0]?.role).toBe('user');
    for (const request of all) {
      expect(request.system).toBe(first.system);
      const { everyTool, tool, personal } = parts(request.messages[0]);
      expect(everyTool.text).toBe(parts(first.messages[0]).everyTool.text);
      expect(tool.text).toBe(parts(first.messages[0]).tool.text);
      expect(everyTool.cacheBreakpoint).toBe(true);
      expect(tool.cacheBreakpoint).toBe(true);
      expect(personal.cacheBreakpoint).toBeUndefined();
    }
    expect(new Set(all.map((request) => parts(request.messages[0]).personal.text)).size).toBe(4);
  });

  it('puts what every tool shares first and what this tool has after it', () => {
    const { everyTool, tool } = parts(requests()[0]!.messages[0]);
    for (const persona of panel) expect(everyTool.text).toContain(persona.body);
    expect(everyTool.text).toContain('"ship" if and only if the score is 50 or higher');
    expect(everyTool.text).not.toContain('OpenRouter Model Fusion');
    expect(tool.text).toMatch(/^Tool: OpenRouter Model Fusion$/m);
    expect(tool.text).toContain('<untrusted_data source="tool page excerpt">');
    // Another tool: the same every-tool part, byte for byte.
    const other = buildPersonaRequest({ profile: { ...fusionProfile, name: 'Other', url: 'https://other.example/' }, pageExcerpt: 'other page', panel, persona: panel[0]!, threshold: 50, template: templates.review });
    expect(parts(other.messages[0]).everyTool.text).toBe(everyTool.text);
  });

  it("leaves the tool part's breakpoint out when no other call on the model will read it", () => {
    for (const request of requests(shortPage, 1)) {
      const { everyTool, tool } = parts(request.messages[0]);
      expect(everyTool.cacheBreakpoint).toBe(true);
      expect(tool.cacheBreakpoint).toBeUndefined();
    }
  });

  it('gives every persona call of a tool one prompt_cache_key, shared with the other tools of its shard', () => {
    const keys = new Set(requests().map((request) => request.cacheKey));
    expect(keys.size).toBe(1);
    const key = [...keys][0]!;
    expect(key).toMatch(/^ship-or-skip:review:\d+$/);
    // With one shard every tool meets on one key; with 8 the tools spread but each keeps its own.
    expect(reviewCacheKey({ url: 'https://a.example/', name: 'A' }, 1)).toBe(reviewCacheKey({ url: 'https://b.example/', name: 'B' }, 1));
    const spread = new Set(Array.from({ length: 64 }, (_, index) => reviewCacheKey({ url: `https://t${index}.example/`, name: 'T' }, 8)));
    expect(spread.size).toBe(8);
    expect(reviewCacheKey(fusionProfile, 8)).toBe(key);
  });

  it('names the persona and its task only in the last part', () => {
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
