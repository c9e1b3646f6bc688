/**
 * The pure half of GitHub intake: which name is the product's, which licenses are open source,
 * and how API fields become facts and links.
 */
import { describe, expect, it } from 'vitest';
import type { GitHubRepo } from '../../src/intake/github-api.js';
import { isOsiLicense, mapGitHub, productName } from '../../src/intake/github-map.js';

describe('productName', () => {
  // Headings and repository names from ../shared/realpages (the READMEs' first headings).
  it.each([
    ['cline', 'Cline', '', 'Cline'],
    ['ollama', 'Ollama', '', 'Ollama'],
    ['goose', 'goose', '', 'goose'],
    ['dspy', 'DSPy: Programming—not prompting—Foundation Models', '', 'DSPy'],
    ['OpenHands', 'OpenHands: AI-Driven Development', '', 'OpenHands'],
    ['promptfoo', 'Promptfoo: LLM evals & red teaming', '', 'Promptfoo'],
    ['open-webui', 'Open WebUI 👋', '', 'Open WebUI'],
    ['langchain', '🦜️🔗 LangChain', '', 'LangChain'],
    ['continue', 'Continue - the open-source AI code agent', '', 'Continue'],
  ])('%s with heading "%s" → the heading', (repo, heading, prose, name) => {
    expect(productName(repo, heading, prose)).toBe(name);
  });

  it.each([
    ['aider', 'AI Pair Programming in Your Terminal', 'aider is AI pair programming.\nAider lets you…\nAider makes a map… Use aider.chat', 'Aider'],
    ['vllm', 'Easy, fast, and cheap LLM serving for everyone', 'vLLM is fast. vLLM runs. See vllm-project/vllm and `vllm serve`.', 'vLLM'],
    ['crewAI', 'Fast and Flexible Multi-Agent Automation Framework', 'CrewAI is a framework. CrewAI crews. crewAIInc', 'CrewAI'],
    ['smolagents', 'Agents that think in code!', 'smolagents is a library.', 'smolagents'],
    ['aider', null, '```\naider --model x\naider --help\naider\n```\nAider edits code.', 'Aider'],
  ])('%s with a tagline heading → the spelling its prose uses most', (repo, heading, prose, name) => {
    expect(productName(repo, heading, prose)).toBe(name);
  });

  it('falls back to the repository name when nothing spells it', () => {
    expect(productName('awesome-llm-apps', 'A curated list', 'Lists of apps.')).toBe('awesome-llm-apps');
  });

  it('a tie goes to the spelling used first', () => {
    expect(productName('pi', null, 'Pi is small. PI is fast.')).toBe('Pi');
  });
});

describe('isOsiLicense', () => {
  it.each(['MIT', 'Apache-2.0', 'BSD-3-Clause', 'AGPL-3.0', 'GPL-3.0-only', 'LGPL-2.1-or-later', 'MPL-2.0', 'ISC', 'Unlicense', '0BSD'])(
    '%s is open source',
    (spdx) => expect(isOsiLicense(spdx)).toBe(true),
  );
  it.each(['CC0-1.0', 'WTFPL', 'BSD-3-Clause-Clear', 'BUSL-1.1', 'Elastic-2.0', 'SSPL-1.0', 'CC-BY-NC-4.0', 'Other', 'NOASSERTION'])(
    '%s is not OSI-approved',
    (spdx) => expect(isOsiLicense(spdx)).toBe(false),
  );
});

const repo = (overrides: Partial<GitHubRepo> = {}): GitHubRepo => ({
  name: 'widget',
  full_name: 'acme/widget',
  html_url: 'https://github.com/acme/widget',
  owner: { login: 'acme', type: 'Organization' },
  ...overrides,
});

describe('mapGitHub', () => {
  it('reports only what the API gave', () => {
    const extracted = mapGitHub({ repo: repo(), readme: { state: 'missing' }, release: null, ownerName: null });
    expect(extracted.facts).toEqual({ 'github.owner': 'acme', 'github.readme': 'missing' });
    expect(extracted.links).toEqual({ github: 'https://github.com/acme/widget' });
    expect(extracted.known).toEqual({ name: 'widget', vendor: 'acme' });
    expect(extracted.text).toBe('');
    expect(extracted.title).toBe('acme/widget');
  });

  it('a homepage typed without a scheme becomes https; junk is dropped', () => {
    const bare = mapGitHub({ repo: repo({ homepage: 'widget.dev/docs' }), readme: { state: 'missing' }, release: null, ownerName: null });
    expect(bare.links.homepage).toBe('https://widget.dev/docs');
    const junk = mapGitHub({ repo: repo({ homepage: 'see README' }), readme: { state: 'missing' }, release: null, ownerName: null });
    expect(junk.links).not.toHaveProperty('homepage');
  });

  it("the README's description fills in when the repository has none, and the API link wins", () => {
    const markdown = '# Widget\n\n[![CI](https://img.shields.io/x.svg)](https://ci.example)\n\nWidget turns sketches into working forms in seconds.\n\nSee [our fork](https://github.com/other/widget).';
    const extracted = mapGitHub({
      repo: repo({ license: { spdx_id: 'MIT', name: 'MIT License' } }),
      readme: { state: 'found', markdown, htmlUrl: 'https://github.com/acme/widget/blob/main/README.md' },
      release: { tag_name: 'v1.0.0', published_at: null, created_at: '2025-01-02T03:04:05Z' },
      ownerName: 'Acme Corp',
    });
    expect(extracted.description).toBe('Widget turns sketches into working forms in seconds.');
    expect(extracted.links.github).toBe('https://github.com/acme/widget');
    expect(extracted.known).toEqual({ name: 'Widget', vendor: 'Acme Corp', pricing: { entry: 'Open Source', detail: 'MIT license' } });
    expect(extracted.facts['github.latestReleaseAt']).toBe('2025-01-02T03:04:05Z');
    expect(extracted.text).not.toContain('shields.io');
  });
});
