import { describe, expect, it } from 'vitest';
import { extractMarkdown, titleFromLocation } from '../../src/intake/markdown.js';

const extract = (text: string, url: string | null = null) => extractMarkdown(text, url ? new URL(url) : null);

describe('extractMarkdown', () => {
  it('takes title and description from front matter and strips it', () => {
    const extracted = extract('---\ntitle: "Tool X"\ndescription: Does X well\n---\n\n# Other heading\n\nBody text that is long enough to count.');
    expect(extracted).toMatchObject({ title: 'Tool X', description: 'Does X well' });
    expect(extracted.text).toBe('# Other heading\n\nBody text that is long enough to count.');
  });

  it('ignores invalid front matter but still removes it', () => {
    const extracted = extract('---\ntitle: [unclosed\n---\n# Real Title\n\nFirst paragraph of the readme text here.');
    expect(extracted.title).toBe('Real Title');
    expect(extracted.text).not.toContain('unclosed');
  });

  it('uses the first heading and first prose paragraph', () => {
    const extracted = extract('# Widget\n\n[![CI](https://ci/badge.svg)](https://ci)\n\n## Install\n\nWidget makes widgets from a single prompt.');
    expect(extracted).toMatchObject({ title: 'Widget', description: 'Widget makes widgets from a single prompt.' });
  });

  it('reads a setext heading', () => {
    expect(extract('Widget\n======\n\nWidget makes widgets from a single prompt.').title).toBe('Widget');
  });

  it('skips code fences when looking for a heading', () => {
    expect(extract('```sh\n# not a title\n```\n\n# Real one\n\ntext').title).toBe('Real one');
  });

  it('takes only an H1 as the title: a section heading is not what the tool is called', () => {
    // The shape crewAI's README had: a level-3 tagline first, the first # a later section.
    expect(extract('### Fast and Flexible Framework\n\nIntro text here.\n\n# CrewAI AMP Suite\n\nMore.').title).toBeNull();
    expect(extract('## Install\n\nRun it.').title).toBeNull();
    expect(extract('<h1 align="center">Cline</h1>\n\n## Install').title).toBe('Cline');
    expect(extract('Widget\n======\n\n## Usage').title).toBe('Widget');
    // A "---" underline is a rule or an H2, never the title.
    expect(extract('Widget\n------\n\nText.').title).toBeNull();
  });

  it('falls back to the title it is given; a URL\'s path is no title', () => {
    expect(extractMarkdown('## Install\n\nRun it.', null, { fallbackTitle: 'acme-tool' }).title).toBe('acme-tool');
    expect(extractMarkdown('# Acme\n\n## Install', null, { fallbackTitle: 'acme-tool' }).title).toBe('Acme');
    expect(extract('## Install', 'https://raw.githubusercontent.com/acme/tool/main/README.md').title).toBeNull();
  });

  it('titleFromLocation: file name without extension, the folder for README and index files', () => {
    expect(titleFromLocation('/srv/tools/crewai/README.md')).toBe('crewai');
    expect(titleFromLocation('C:\\tools\\aider-notes.mdx')).toBe('aider-notes');
    expect(titleFromLocation('README')).toBeNull();
    expect(titleFromLocation('/')).toBeNull();
  });

  it('strips badges, images, <img> tags, HTML comments and link URLs but keeps text', () => {
    const source = [
      '<!-- hidden comment -->',
      '[![PyPI](https://img.shields.io/pypi/v/x.svg)](https://pypi.org/project/x/)',
      '[![Stars](https://img.shields.io/github/stars/acme/x)](https://github.com/acme/x)',
      '![screenshot](docs/shot.png)',
      '<img src="logo.png"',
      '  alt="logo">',
      'See the [docs](https://x.dev/docs) for **more**.',
    ].join('\n');
    const extracted = extract(source);
    expect(extracted.text).toBe('See the docs for **more**.');
    expect(extracted.links.github).toBe('https://github.com/acme/x'); // a badge target still counts
  });

  it('keeps code blocks verbatim, including HTML and links inside them', () => {
    const code = '```html\n<img src="x.png"> [a](b) <!-- c -->\n```';
    expect(extract(`Intro paragraph with enough words here.\n\n${code}`).text).toContain(code);
  });

  it('turns inline HTML into text: headings, paragraphs, anchors', () => {
    const extracted = extract('<h1 align="center">Big <em>Tool</em></h1>\n<p align="center">Big Tool does <a href="https://t.dev">many things</a> for you.</p>');
    expect(extracted.title).toBe('Big Tool');
    expect(extracted.description).toBe('Big Tool does many things for you.');
    expect(extracted.text).toBe('# Big Tool\n\nBig Tool does many things for you.');
  });

  it('skips navigation rows and admonitions when choosing the description', () => {
    const source = [
      '<p><a href="https://a.dev">Home</a> · <a href="https://a.dev/docs">Docs</a> · <a href="https://a.dev/blog">Blog posts</a></p>',
      '',
      ':::note Security update',
      'A supply-chain incident was contained and fixed.',
      ':::',
      '',
      '> Acme is a framework for building agents quickly.',
    ].join('\n');
    const extracted = extract(source);
    expect(extracted.description).toBe('Acme is a framework for building agents quickly.');
    expect(extracted.text).toContain('Security update\nA supply-chain incident was contained and fixed.');
  });

  it('removes MDX imports, exports, comments and components', () => {
    const source = "import Tabs from '@theme/Tabs';\nexport const meta = {};\n{/* note */}\n<Tabs>\n<TabItem value=\"a\">\nTab body text.\n</TabItem>\n</Tabs>";
    expect(extract(source).text).toBe('Tab body text.');
  });

  it('resolves relative links against the page URL, and skips them for local files', () => {
    const source = '[Documentation](/docs/) and [Pricing](pricing.html)';
    expect(extract(source, 'https://acme.dev/readme.md').links).toEqual({
      docs: 'https://acme.dev/docs/',
      pricing: 'https://acme.dev/pricing.html',
    });
    expect(extract(source).links).toEqual({});
  });

  it('decodes HTML entities in prose', () => {
    expect(extract('Fast &amp; small &mdash; &#x2713; done &unknown;').text).toBe('Fast & small — ✓ done &unknown;');
  });
});
