/**
 * The comparison preview's hand-written verdict line: `POST /compare/line` from the preview's
 * form saves the editor's line with no model (the desk here has no key), makes the pair's
 * draft when there is none, and the page then shows it with "Written by an editor". The form
 * needs the CSRF token like every action, and keeps hostile text as text.
 */
import { load } from 'cheerio';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findComparison } from '../../src/publish/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { WebClient } from './web-client.js';
import { draftFrom, tenDrafts, TOOLS, webBench, XSS, type WebBench } from './web-fixtures.js';

const FUSION = draftFrom(TOOLS[0]!, 0);
const PAIR = `/compare?a=${FUSION.id}&b=terrarium`;
const LINE = 'Ship Fusion for multi-model answers; Terrarium when agents need realistic test worlds.';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});
let bench: WebBench | undefined;
afterEach(() => bench?.cleanup());

async function open(): Promise<{ client: WebClient; bench: WebBench }> {
  bench = webBench(context, tenDrafts().slice(0, 3), { env: { EDITOR_NAME: 'Ann' } });
  return { client: new WebClient(bench.app), bench };
}

describe('the hand-written comparison line', () => {
  it('is offered on the preview, saved without a model, and shown as written by an editor', async () => {
    const { client, bench: served } = await open();
    const before = load((await client.get(PAIR)).body);
    expect(before('.preview-bar').text()).toContain('No verdict line yet: write one below');
    const form = before('form.line-form');
    expect(form.attr('action')).toBe('/compare/line');
    expect(form.find('input[name="a"]').attr('value')).toBe(FUSION.id);
    expect(form.find('input[name="b"]').attr('value')).toBe('terrarium');
    const saved = await client.post('/compare/line', { a: FUSION.id, b: 'terrarium', line: LINE });
    expect(saved.status, saved.body).toBe(303);
    expect(saved.headers.get('location')).toBe(`/compare?a=${FUSION.id}&b=terrarium`);
    const stored = findComparison(served.store, 'openrouter-model-fusion-vs-terrarium');
    expect(stored.row.status).toBe('draft');
    expect(stored.lines).toEqual([expect.objectContaining({ source: 'editor', author: 'Ann', model: null, text: LINE })]);
    const after = load((await client.get(PAIR)).body);
    expect(after('.verdict-line p').first().text()).toBe(LINE);
    expect(after('.verdict-line .byline').text()).toBe('Written by an editor');
    expect(after('form.line-form input[name="line"]').attr('value')).toBe(LINE);
    // A second line is a new revision of the same draft.
    expect((await client.post('/compare/line', { a: FUSION.id, b: 'terrarium', line: `${LINE} ${XSS}` })).status).toBe(303);
    const hostile = await client.get(PAIR);
    expect(hostile.body).not.toContain(XSS);
    expect(load(hostile.body)('.verdict-line p').first().text()).toBe(`${LINE} ${XSS}`);
    expect(findComparison(served.store, 'openrouter-model-fusion-vs-terrarium').lines).toHaveLength(2);
  });

  it('refuses a post without the CSRF token, an empty line and an unknown tool', async () => {
    const { client, bench: served } = await open();
    await client.get(PAIR);
    expect((await client.post('/compare/line', { a: FUSION.id, b: 'terrarium', line: LINE }, { csrf: null })).status).toBe(403);
    expect((await client.post('/compare/line', { a: FUSION.id, b: 'terrarium', line: '   ' })).status).toBe(400);
    expect((await client.post('/compare/line', { a: FUSION.id, b: 'no-such-tool', line: LINE })).status).toBe(404);
    expect(() => findComparison(served.store, 'openrouter-model-fusion-vs-terrarium')).toThrow(/no comparison/);
  });
});
