/**
 * Extraction on real pages kept in fixtures/pages/ (each folder's source.txt names the origin).
 * Assertions use what the pages actually say.
 */
import { describe, expect, it } from 'vitest';
import { intake, type IntakeDeps } from '../../src/intake/index.js';

const deps: IntakeDeps = { config: { fetch: { timeoutMs: 5000, maxBytes: 5_000_000, maxRedirects: 5 }, allowPrivateUrls: false, github: { apiUrl: 'https://api.github.com', token: undefined } } };
const read = (path: string) => intake(`fixtures/pages/${path}`, deps);

describe('landing pages (HTML)', () => {
  it('aider.chat: title, repo link, main text without navigation or scripts', async () => {
    const source = await read('aider-landing/page.html');
    expect(source).toMatchObject({
      kind: 'html',
      url: 'fixtures/pages/aider-landing/page.html',
      title: 'Aider - AI Pair Programming in Your Terminal',
      description: null,
      links: { github: 'https://github.com/Aider-AI/aider' },
      truncated: false,
      flags: [],
    });
    expect(source.text).toMatch(/^# AI pair programming in your terminal\n\nAider lets you pair program with LLMs/);
    expect(source.text).toContain('Aider makes a map of your entire codebase, which helps it work well in larger projects.');
    expect(source.text).toContain('### Git integration');
    // Jekyll front matter, header navigation, the testimonials script, CSS and the footer are gone.
    expect(source.text).not.toContain('layout: none');
    expect(source.text).not.toContain('Getting Started Documentation Discord GitHub');
    expect(source.text).not.toContain('const testimonials');
    expect(source.text).not.toContain('Eric S. Raymond');
    expect(source.text).not.toContain('.testimonial-card');
    expect(source.text).not.toContain('Your browser does not support the video tag');
    // Shell snippets are fenced so their '# comments' are not headings.
    expect(source.text).toContain('```\npython -m pip install aider-install');
  });

  it('dspy.ai (a Jinja template): hero text kept, unrendered placeholders dropped', async () => {
    const source = await read('dspy-landing/page.html');
    expect(source).toMatchObject({ kind: 'html', title: null, description: null, links: { github: 'https://github.com/stanfordnlp/dspy' } });
    expect(source.text).toContain('# Program, don’t prompt, your LLMs.');
    expect(source.text).toContain(
      'DSPy is a Python framework for building AI systems. Express your tasks as structured signatures, not prompts, to produce maintainable, modular, and optimizable programs.',
    );
    expect(source.text).toContain('### Optimizers');
    expect(source.text).not.toMatch(/\{\{|\{%|config\.extra\.stats/);
    // The tab-switching script and the "Change LLM" buttons are chrome.
    expect(source.text).not.toContain('Change LLM');
    expect(source.text).not.toContain('addEventListener');
  });

  it('pi (an EJS template): list items keep their words apart, template tags dropped', async () => {
    const source = await read('pi-landing/page.html');
    expect(source).toMatchObject({ kind: 'html', title: null, links: { github: 'https://github.com/badlogic/pi-mono' } });
    expect(source.text).toMatch(/^There are many coding agents, but this one is mine\./);
    expect(source.text).toContain('## Minimal. Opinionated. Extensible.');
    expect(source.text).toContain('- 4 tools read, write, edit, bash');
    expect(source.text).toContain('No MCP. Build CLI tools with READMEs (see Skills).');
    expect(source.text).not.toMatch(/<%|%>/);
    expect(source.text).not.toContain('AsciinemaPlayer');
    expect(source.text).not.toContain('Copied!');
  });
});

describe('READMEs and docs sources (Markdown/MDX)', () => {
  it('aider README: HTML <h1> title, first paragraph, badges and cog comments gone', async () => {
    const source = await read('aider/README.md');
    expect(source).toMatchObject({
      kind: 'markdown',
      title: 'AI Pair Programming in Your Terminal',
      description: 'Aider lets you pair program with LLMs to start a new project or build on your existing codebase.',
      links: { github: 'https://github.com/Aider-AI/aider' },
    });
    expect(source.text).toContain('Aider makes a map of your entire codebase, which helps it work well in larger projects.');
    expect(source.text).not.toMatch(/img\.shields\.io|<img|<p |\[\[\[cog|GitHub Stars/);
    expect(source.text).toContain('```bash\npython -m pip install aider-install');
  });

  it('ollama README: # title, first paragraph, own repo chosen over third-party ones', async () => {
    const source = await read('ollama/README.md');
    expect(source).toMatchObject({
      kind: 'markdown',
      title: 'Ollama',
      description: 'Start building with open models.',
      links: { github: 'https://github.com/ollama/ollama' },
    });
    expect(source.text).toMatch(/^# Ollama\n\nStart building with open models\./);
    expect(source.text).toContain('Ollama has a REST API for running and managing models.');
    expect(source.text).toContain('or download manually'); // link text kept, URL dropped
    expect(source.text).not.toContain('](https://');
  });

  it('crewAI README: no opening H1, so the folder names it; logo, nav row and badges skipped; cut to budget', async () => {
    const source = await read('crewai/README.md');
    expect(source).toMatchObject({
      kind: 'markdown',
      // It opens with "### Fast and Flexible…" and its first "#" is a later section: neither is its name.
      title: 'crewai',
      links: { github: 'https://github.com/crewAIInc/crewAI', docs: 'https://docs.crewai.com/' },
      truncated: true,
    });
    expect(source.description).toMatch(
      /^CrewAI is an open-source Python framework with high-level abstractions and low-level APIs for building production-ready multi-agent workflows\./,
    );
    expect(source.text).not.toMatch(/img\.shields\.io|trendshift|<img/);
    expect(source.text.length).toBeLessThanOrEqual(24_000);
    expect(source.text).toContain('CrewAI is an open-source Python framework');
  });

  it('LiteLLM docs page: front-matter title, MDX imports/components and badges stripped', async () => {
    const source = await read('litellm/page.md');
    expect(source).toMatchObject({
      kind: 'markdown',
      title: 'Getting Started',
      description:
        'LiteLLM is an open-source library that gives you a single, unified interface to call 100+ LLMs — OpenAI, Anthropic, Vertex AI, Bedrock, and more — using the OpenAI format.',
      links: { github: 'https://github.com/BerriAI/litellm' },
    });
    expect(source.text).not.toMatch(/import Tabs from|@theme\/IdealImage/);
    expect(source.text).not.toMatch(/<Tabs>|<TabItem|<Image|sidebar_label|img\.shields\.io/);
    expect(source.text).toContain('```shell\nuv add litellm\n```');
  });

  it('OpenRouter Auto Router MDX: front matter title, description and site name', async () => {
    const source = await read('openrouter-auto-router/page.mdx');
    expect(source).toMatchObject({
      kind: 'markdown',
      title: 'Auto Router',
      description: 'Automatically select the best model for your prompt',
      facts: { 'page.siteName': 'OpenRouter Documentation' },
    });
    expect(source.text).toMatch(/^The Auto Router automatically selects the best model for your prompt\./);
    expect(source.text).not.toMatch(/og:image|<Warning>|<CodeGroup>/);
    expect(source.text).toContain('Each slug only reads settings sent under its own plugin id.');
  });
});
