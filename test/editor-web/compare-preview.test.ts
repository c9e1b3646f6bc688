/**
 * `GET /compare?a=&b=`: the comparison page of two tools from their newest drafts (or approved
 * reviews), through the desk's middleware. It renders the publish stage's page with the
 * stylesheet linked from /assets/comparison.css, so the strict CSP holds (no inline style, no
 * script); untrusted text stays text; bad references get the desk's one-line error page; with
 * EDITOR_TOKEN it needs sign-in like every page. The draft page links to it with a GET form.
 */
import { load } from 'cheerio';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSS, renderComparisonHtml, buildComparisonPage } from '../../src/publish/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { WebClient } from './web-client.js';
import { ATTRIBUTE_BREAKER, draftFrom, draftId, hostileDraft, tenDrafts, TOOLS, webBench, XSS, type WebBench } from './web-fixtures.js';

const TOKEN = 'correct-horse-battery-staple-4f1d2a';
const FUSION = draftFrom(TOOLS[0]!, 0);
const TERRARIUM = draftFrom(TOOLS[1]!, 1);
const HOSTILE = hostileDraft();
const PAIR = `/compare?a=${FUSION.id}&b=terrarium`;

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench | undefined;
afterEach(() => bench?.cleanup());

async function open(options: { token?: string } = {}): Promise<WebClient> {
  bench = webBench(context, [...tenDrafts().slice(0, 3), HOSTILE], { env: { EDITOR_NAME: 'Ann' }, ...options });
  return new WebClient(bench.app);
}

const csp = (headers: Headers) => headers.get('content-security-policy') ?? '';

/** No `<style>`, no `style=`, no script, no event handler, no javascript: link. */
function expectStrictMarkup(body: string): void {
  const $ = load(body);
  expect(body).not.toMatch(/<style[\s>]/i);
  expect(body).not.toMatch(/\sstyle\s*=/i);
  expect($('style').length).toBe(0);
  expect($('[style]').length).toBe(0);
  expect($('script').length).toBe(0);
  $('*').each((_, element) => {
    for (const name of Object.keys($(element).attr() ?? {})) expect(name.startsWith('on'), name).toBe(false);
  });
  $('a[href]').each((_, element) => expect($(element).attr('href')).not.toMatch(/^\s*javascript:/i));
}

describe('the comparison preview', () => {
  it('renders both tools, their verdicts and every quote, marked as a preview with a way back', async () => {
    const client = await open();
    const page = await client.get(PAIR);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const $ = load(page.body);
    expect($('h1').text()).toBe('OpenRouter Model Fusion vs Terrarium');
    expect($('.card h2').map((_, el) => $(el).text()).get()).toEqual(['OpenRouter Model Fusion', 'Terrarium']);
    const pills = $('.decision .pill').map((_, el) => $(el).text()).get();
    expect(pills).toEqual([FUSION.panel.label, TERRARIUM.panel.label]);
    const quotes = $('blockquote').text();
    for (const quote of [...TOOLS[0]!.quotes, ...TOOLS[1]!.quotes]) expect(quotes).toContain(quote);
    expect($('.persona').length).toBe(4);
    expect($('.preview-banner').text()).toContain('Draft preview.');
    expect($('.preview-bar').text()).toContain("Editor's preview");
    expect($('.preview-bar').text()).toContain('npm run compare -- openrouter-model-fusion terrarium --save');
    expect($('.preview-bar a').attr('href')).toBe(`/reviews/${FUSION.id}`);
    expect($('.preview-bar a').text()).toBe('← Back to OpenRouter Model Fusion');
    expect($('link[rel="stylesheet"]').attr('href')).toBe('/assets/comparison.css');
    // Either side may be named by slug, URL or review id.
    const byOther = await client.get(`/compare?a=openrouter-model-fusion&b=${encodeURIComponent('https://github.com/evolvent-ai/terrarium')}`);
    expect(byOther.status, byOther.body).toBe(200);
  });

  it('keeps the strict CSP: no unsafe-inline, no inline style, no script; widths come from classes', async () => {
    const client = await open();
    const page = await client.get(PAIR);
    const policy = csp(page.headers);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toMatch(/script-src 'nonce-[^']+'/);
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expectStrictMarkup(page.body);
    const $ = load(page.body);
    const meters = $('.meter span').map((_, el) => $(el).attr('class')).get();
    expect(meters).toEqual([`share-${FUSION.panel.shipPercent}`, `share-${TERRARIUM.panel.shipPercent}`]);
    const css = await client.get('/assets/comparison.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.body).toBe(PAGE_CSS);
    for (const meter of meters) expect(css.body).toContain(`.meter .${meter}{width:${meter.slice(6)}%}`);
  });

  it('renders the same page as the --html file, which inlines the same CSS and has no style= either', async () => {
    const client = await open();
    const preview = (await client.get(PAIR)).body;
    const side = (review: typeof FUSION, slug: string) => ({ slug, review, reviewStatus: 'draft' as const, approvedAt: null, votes: { ship: 0, skip: 0 } });
    const page = buildComparisonPage({ tools: [side(FUSION, 'openrouter-model-fusion'), side(TERRARIUM, 'terrarium')], personas: context.personas });
    const file = renderComparisonHtml(page);
    expect(file).not.toMatch(/\sstyle\s*=/i);
    expect(load(file)('style').text()).toBe(PAGE_CSS);
    const main = (body: string) => load(body)('main').html();
    expect(main(preview)).toBe(main(file));
  });

  it('shows hostile tool text and quotes as text', async () => {
    const client = await open();
    const page = await client.get(`/compare?a=${HOSTILE.id}&b=terrarium`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(XSS);
    expect(page.body).not.toContain(ATTRIBUTE_BREAKER);
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('&quot; onmouseover=&quot;x');
    expectStrictMarkup(page.body);
    const $ = load(page.body);
    expect($('blockquote').first().text()).toBe(`“Builder says ${XSS}${ATTRIBUTE_BREAKER}”`);
    expect($('.preview-bar a').text()).toBe(`← Back to Evil ${XSS}${ATTRIBUTE_BREAKER}`);
  });

  it('an approved pair is still marked as the editor\'s preview, without the drafts banner', async () => {
    const client = await open();
    bench!.desk.approve(FUSION.id, 'Ann');
    bench!.desk.approve(TERRARIUM.id, 'Ann');
    const $ = load((await client.get('/compare?a=openrouter-model-fusion&b=terrarium')).body);
    expect($('.preview-banner').length).toBe(0);
    expect($('.preview-bar').text()).toContain("Editor's preview");
  });
});

describe('bad references get the one-line error page', () => {
  const errorOf = (body: string) => load(body)('.error-message');

  it('an unknown tool is 404, with its name escaped', async () => {
    const client = await open();
    const page = await client.get(`/compare?a=${FUSION.id}&b=${encodeURIComponent(`no-such-tool${XSS}`)}`);
    expect(page.status).toBe(404);
    const message = errorOf(page.body);
    expect(message.length).toBe(1);
    expect(message.text()).toMatch(/^no review matches "no-such-tool<script>alert\(1\)<\/script>"/);
    expect(message.text()).not.toContain('\n');
    expect(page.body).not.toContain(XSS);
    expect(load(page.body)('.error-card a.button').attr('href')).toBe(`/reviews/${FUSION.id}`);
    const byUrl = await client.get(`/compare?a=terrarium&b=${encodeURIComponent('https://nowhere.example/')}`);
    expect(byUrl.status).toBe(404);
    expect(errorOf(byUrl.body).text()).toMatch(/^no reviewed tool has the URL/);
  });

  it('the same tool twice, or a missing or overlong tool, is 400', async () => {
    const client = await open();
    const same = await client.get(`/compare?a=${FUSION.id}&b=openrouter-model-fusion`);
    expect(same.status).toBe(400);
    expect(errorOf(same.body).text()).toContain('are the same tool (OpenRouter Model Fusion)');
    const missing = await client.get(`/compare?a=${FUSION.id}&b=`);
    expect(missing.status).toBe(400);
    expect(errorOf(missing.body).text()).toBe('say which tool to compare it with: give its slug, URL or review id');
    expect((await client.get('/compare')).status).toBe(400);
    expect((await client.get(`/compare?a=terrarium&b=${'x'.repeat(600)}`)).status).toBe(400);
  });
});

describe('the same middleware as every page', () => {
  it('needs sign-in with EDITOR_TOKEN; the stylesheet does not', async () => {
    const client = await open({ token: TOKEN });
    const anonymous = await client.get(PAIR);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe(`/login?next=${encodeURIComponent(PAIR)}`);
    expect(anonymous.body).not.toContain('OpenRouter Model Fusion');
    expect((await client.get('/assets/comparison.css')).status).toBe(200);
    await client.get('/login');
    expect((await client.post('/login', { token: TOKEN, name: 'Ann', next: PAIR })).location).toBe(PAIR);
    const page = await client.get(PAIR);
    expect(page.status).toBe(200);
    expect(load(page.body)('h1').text()).toBe('OpenRouter Model Fusion vs Terrarium');
  });

  it('the host guard refuses another host', async () => {
    await open();
    const response = await bench!.app.request(`http://evil.example${PAIR}`);
    expect(response.status).toBe(421);
  });
});

describe('the draft page', () => {
  it('offers "Compare with…" as a GET form that leads to the preview', async () => {
    const client = await open();
    const page = await client.get(`/reviews/${draftId(0)}`);
    const $ = load(page.body);
    const form = $('form[action="/compare"]');
    expect(form.attr('method')).toBe('get');
    expect(form.find('input[type="hidden"][name="a"]').attr('value')).toBe(draftId(0));
    expect(form.find('input[type="text"][name="b"]').length).toBe(1);
    expect(form.text()).toContain('Compare with…');
    const target = `/compare?${new URLSearchParams({ a: draftId(0), b: 'terrarium' })}`;
    expect((await client.get(target)).status).toBe(200);
  });
});
