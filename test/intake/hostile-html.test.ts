/**
 * Hostile pages: nesting, attribute and element counts the parser handles in quadratic time or
 * that overflow recursive walks are refused with one line naming the limit; a page that gets
 * past the limits is parsed on a worker under a deadline, and the main thread stays free.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { errorExitCode } from '../../src/cli/error-line.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_HTML_LIMITS, type HtmlLimits } from '../../src/config.js';
import { IntakeError } from '../../src/errors.js';
import { extractHtml, extractHtmlBounded } from '../../src/intake/html.js';
import { prescanHtml } from '../../src/intake/html-limits.js';
import { intake, type IntakeDeps } from '../../src/intake/index.js';

const dir = mkdtempSync(join(tmpdir(), 'intake-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

export const nested = (levels: number, tag = 'div') =>
  `<!doctype html><html><head><title>Deep</title></head><body>${`<${tag}>`.repeat(levels)}deep text${`</${tag}>`.repeat(levels)}</body></html>`;
const manyAttributes = (count: number) =>
  `<!doctype html><html><head><title>Attrs</title></head><body><div ${Array.from({ length: count }, (_, index) => `a${index}="1"`).join(' ')}>text</div></body></html>`;

const deps: IntakeDeps = {
  config: { fetch: { timeoutMs: 5000, maxBytes: 5_000_000, maxRedirects: 5 }, allowPrivateUrls: false, github: { apiUrl: 'https://api.github.com', token: undefined } },
};
/** No structural limit at all: only the deadline stands between the parser and the page. */
const unbounded: HtmlLimits = { maxDepth: 1e9, maxElements: 1e9, maxAttributesPerElement: 1e9, maxAttributes: 1e9, parseTimeoutMs: 300 };

async function intakeFailure(path: string, config: IntakeDeps['config'] = deps.config): Promise<IntakeError> {
  const error: unknown = await intake(path, { config }).then(
    () => expect.unreachable(`${path} should be refused`),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IntakeError);
  expect(errorExitCode(error)).toBe(1);
  expect((error as Error).message).not.toContain('\n');
  return error as IntakeError;
}

describe('pages over a limit are refused with one line (exit 1)', () => {
  it('a 2.2 MB page of 200,000 nested <div>s', async () => {
    const html = nested(200_000);
    expect(html.length).toBeGreaterThan(2_000_000);
    const path = file('deep.html', html);
    expect((await intakeFailure(path)).message).toBe(
      `page too deeply nested: ${path} has more than 256 elements inside each other (limit PANEL_HTML_MAX_DEPTH=256)`,
    );
  });

  it('100,000 attributes on one element', async () => {
    const path = file('attrs.html', manyAttributes(100_000));
    expect((await intakeFailure(path)).message).toBe(
      `page too large to parse: ${path} has an element with more than 256 attributes (limit PANEL_HTML_MAX_ATTRIBUTES=256)`,
    );
  });

  it('too many elements, too many attributes in all (limits from the config)', async () => {
    const flat = `<html><body>${'<p class="x">para</p>'.repeat(300)}</body></html>`;
    const path = file('flat.html', flat);
    const html = { ...DEFAULT_HTML_LIMITS, maxElements: 200 };
    expect((await intakeFailure(path, { ...deps.config, html })).message).toMatch(/has more than 200 elements \(limit PANEL_HTML_MAX_ELEMENTS=200\)$/);
    const attributes = { ...DEFAULT_HTML_LIMITS, maxAttributes: 250 };
    expect((await intakeFailure(path, { ...deps.config, html: attributes })).message).toMatch(
      /has more than 250 attributes \(limit PANEL_HTML_MAX_TOTAL_ATTRIBUTES=250\)$/,
    );
  });

  it('5,000 levels (which overflowed the stack in a recursive walk) are refused, not a RangeError', async () => {
    const error = await intakeFailure(file('stack.html', nested(5000, 'span')));
    expect(error.message).toMatch(/^page too deeply nested: /);
  });

  it('the tree is measured again after parsing: 300 <div/> nest (HTML ignores the slash)', () => {
    const html = `<html><body>${'<div/>'.repeat(300)}x</body></html>`;
    expect(() => extractHtml(html, null)).toThrow(/^page too deeply nested: the page has more than 256 elements/);
  });
});

describe('the pre-scan follows the parser, so ordinary pages pass', () => {
  it.each([
    ['1,000 unclosed <p>', `<body>${'<p>para '.repeat(1000)}</body>`],
    ['1,000 unclosed <li> in one list', `<ul>${'<li>item'.repeat(1000)}</ul>`],
    ['a table of 1,000 rows with unclosed cells', `<table>${'<tr><td>a<td>b'.repeat(1000)}</table>`],
    ['1,000 <br> and <img>', `<p>${'line<br><img src=x>'.repeat(1000)}</p>`],
    ['markup inside a script and a comment', `<script>${'<div>'.repeat(1000)}</script><!-- ${'<div>'.repeat(1000)} -->`],
    ['self-closing SVG elements', `<svg>${'<g/>'.repeat(1000)}</svg>`],
  ])('%s', (_what, html) => {
    expect(prescanHtml(html, DEFAULT_HTML_LIMITS)).toBeNull();
    expect(() => extractHtml(`<html>${html}</html>`, null)).not.toThrow();
  });

  it('a 300-deep chain of <div/> outside SVG counts as nested', () => {
    expect(prescanHtml(`<body>${'<div/>'.repeat(300)}</body>`, DEFAULT_HTML_LIMITS)).toBe('maxDepth');
  });
});

describe('walks are iterative', () => {
  it('reads a page nested 5,000 deep when the depth limit allows it (no stack overflow)', () => {
    const html = `<html><head><title>Deep</title></head><body><main>${'<div>'.repeat(5000)}<p>deep text with <a href="https://github.com/o/deep">a link</a></p><!-- note -->${'</div>'.repeat(5000)}</main></body></html>`;
    const extracted = extractHtml(html, new URL('https://deep.example/'), { ...DEFAULT_HTML_LIMITS, maxDepth: 10_000 });
    expect(extracted.text).toBe('deep text with a link');
    expect(extracted.links.github).toBe('https://github.com/o/deep');
    expect(extracted.hiddenText).toContain('note');
  });

  it('JSON-LD nested 100,000 arrays deep is ignored, not a crash', () => {
    const block = `${'['.repeat(100_000)}{"@type":"SoftwareApplication","name":"Deep"}${']'.repeat(100_000)}`;
    const html = `<html><head><title>T</title><script type="application/ld+json">${block}</script></head><body><p>text</p></body></html>`;
    expect(extractHtml(html, null).known).toEqual({});
  });
});

describe('the parse runs on a worker under a deadline', () => {
  it('a page no limit stops is ended at PANEL_PARSE_TIMEOUT_MS, and the event loop kept running meanwhile', async () => {
    const order: string[] = [];
    const parsing = extractHtmlBounded(nested(200_000), { url: new URL('https://deep.example/') }, { limits: unbounded }).then(
      () => order.push('parsed'),
      (error: unknown) => {
        order.push('refused');
        return error;
      },
    );
    // Were the parse on this thread, this would run only after it: 200,000 levels take minutes.
    const ticked = new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('tick'))));
    const [error] = await Promise.all([parsing, ticked]);
    expect(order).toEqual(['tick', 'refused']);
    expect(error).toBeInstanceOf(IntakeError);
    expect((error as Error).message).toBe(
      'page too slow to parse: https://deep.example/ took more than 0.3s to read (limit PANEL_PARSE_TIMEOUT_MS=300)',
    );
    // The stuck worker was replaced: the next page parses.
    const next = await extractHtmlBounded('<html><head><title>Next</title></head><body><p>fine</p></body></html>', { url: null });
    expect(next).toMatchObject({ title: 'Next', text: 'fine' });
  });

  it('an abort ends the parse at once with the abort reason', async () => {
    const controller = new AbortController();
    const parsing = extractHtmlBounded(nested(200_000), { url: null }, { limits: { ...unbounded, parseTimeoutMs: 600_000 }, signal: controller.signal });
    controller.abort(new Error('batch aborted: test'));
    await expect(parsing).rejects.toThrow('batch aborted: test');
  });
});
