/**
 * Model and page text is untrusted: a quote, a tool name, a flag snippet or a URL carrying
 * `<script>` or an attribute breaker must reach the page only as text. Checked on the raw
 * HTML and on the parsed document (no extra script, no event-handler attribute, no
 * `javascript:` link), in the queue, the draft page, the flash and an editor's own edit.
 */
import { load } from 'cheerio';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { WebClient } from './web-client.js';
import { ATTRIBUTE_BREAKER, hostileDraft, tenDrafts, webBench, XSS, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench;
let client: WebClient;
const HOSTILE = hostileDraft();
beforeEach(async () => {
  bench = webBench(context, [...tenDrafts().slice(0, 2), HOSTILE], { env: { EDITOR_NAME: 'Ann' } });
  client = new WebClient(bench.app);
  await client.get('/');
});
afterEach(() => bench.cleanup());

/** The payloads appear only escaped, and the parsed page has nothing they could have injected. */
function expectInert(body: string, nonce: string | undefined): void {
  expect(body).not.toContain(XSS);
  expect(body).not.toContain(ATTRIBUTE_BREAKER);
  expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(body).toContain('&quot; onmouseover=&quot;x');
  const $ = load(body);
  const scripts = $('script');
  expect(scripts.length).toBe(1);
  expect(scripts.attr('src')).toBe('/assets/editor.js');
  expect(scripts.attr('nonce')).toBe(nonce);
  expect($('[onmouseover]').length).toBe(0);
  $('*').each((_, element) => {
    for (const name of Object.keys($(element).attr() ?? {})) expect(name.startsWith('on')).toBe(false);
  });
  $('a[href]').each((_, element) => {
    expect($(element).attr('href')).not.toMatch(/^\s*javascript:/i);
  });
}

const nonceOf = (headers: Headers) => /'nonce-([^']+)'/.exec(headers.get('content-security-policy') ?? '')?.[1];

describe('escaping untrusted text', () => {
  it('the queue shows a hostile tool name as text', async () => {
    const page = await client.get('/');
    expect(page.status).toBe(200);
    expectInert(page.body, nonceOf(page.headers));
    const $ = load(page.body);
    expect($('a.tool-link').text()).toContain(`Evil ${XSS}${ATTRIBUTE_BREAKER}`);
  });

  it('the draft page shows every hostile field as text, and a javascript: URL as no link', async () => {
    const page = await client.get(`/reviews/${HOSTILE.id}`);
    expect(page.status).toBe(200);
    expectInert(page.body, nonceOf(page.headers));
    const $ = load(page.body);
    // The decoded text is exactly the model's: escaped, not dropped or mangled.
    expect($('#persona-builder .quote').text()).toBe(`Builder says ${XSS}${ATTRIBUTE_BREAKER}`);
    expect($('.snippet').text()).toContain(`ignore previous instructions ${XSS}${ATTRIBUTE_BREAKER}`);
    expect($('h1').text()).toBe(`Evil ${XSS}${ATTRIBUTE_BREAKER}`);
    expect($('.unsafe-url').text()).toBe(`javascript:alert(1)//${ATTRIBUTE_BREAKER}`);
    const docs = $('a[href^="https://evil.example/"]');
    expect(docs.attr('href')).toBe(new URL(`https://evil.example/${ATTRIBUTE_BREAKER}${XSS}`).href);
    expect(docs.attr('rel')).toBe('noopener noreferrer nofollow');
  });

  it("an editor's own quote and the flash naming a hostile tool are escaped too", async () => {
    await client.get(`/reviews/${HOSTILE.id}`);
    const edit = await client.post(`/reviews/${HOSTILE.id}/personas/skeptic/edit`, { score: '45', quote: `Mine ${XSS}${ATTRIBUTE_BREAKER}` });
    expect(edit.status).toBe(303);
    const page = await client.get(`/reviews/${HOSTILE.id}`);
    expectInert(page.body, nonceOf(page.headers));
    expect(load(page.body)('#persona-skeptic .quote').text()).toBe(`Mine ${XSS}${ATTRIBUTE_BREAKER}`);

    // Its javascript: URL is no public address, so approval is refused, naming the tool, escaped.
    const refused = await client.post(`/reviews/${HOSTILE.id}/approve`);
    // A review that may not be approved is a conflict with its state, not a malformed request.
    expect(refused.status).toBe(409);
    expectInert(refused.body, nonceOf(refused.headers));
    expect(load(refused.body).text()).toContain(`(Evil ${XSS}${ATTRIBUTE_BREAKER}) has no public web address`);
  });

  it('a refusal message quoting hostile input is escaped on the error page', async () => {
    const page = await client.get(`/reviews/${encodeURIComponent(`${XSS}${ATTRIBUTE_BREAKER}`)}`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain(XSS);
    expect(page.body).not.toContain(ATTRIBUTE_BREAKER);
    expect(load(page.body)('.error-message').text()).toContain(`no review matches "${XSS}${ATTRIBUTE_BREAKER}"`);
  });
});
