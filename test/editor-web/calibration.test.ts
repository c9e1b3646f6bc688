/** The /calibration page over HTTP: the report with its plots inline, escaped names, the nav link, sign-in like every page. */
import { load } from 'cheerio';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { decide, syntheticReviews } from '../calibrate/fixture.js';
import { WebClient } from './web-client.js';
import { webBench, XSS, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench | undefined;
afterEach(() => bench?.cleanup());

function calibrated(options: { token?: string; names?: string[] } = {}): WebBench {
  const reviews = syntheticReviews(40, [0.6, 0.3, 0.95, 0.6], options.names ? { names: options.names } : {});
  bench = webBench(context, reviews, { env: { EDITOR_NAME: 'Ann' }, ...(options.token ? { token: options.token } : {}) });
  decide(bench.desk, bench.store, reviews.map((review) => review.id));
  return bench;
}

describe('/calibration', () => {
  it('shows the report, flags the out-of-band persona and inlines every plot; the nav links to it', async () => {
    const client = new WebClient(calibrated().app);
    const page = await client.get('/calibration');
    expect(page.status).toBe(200);
    const $ = load(page.body);
    expect($('nav.topnav a[href="/calibration"]').text()).toBe('Calibration');
    expect($('tr.out-of-band').map((_, row) => $(row).attr('data-persona')).get()).toEqual(['futurist']);
    expect($('.flags li').text()).toMatch(/Futurist on google:gemini-3.5-flash ships \d+% of 40 reviews: outside the 20–80% band/);
    expect($('figure.plot svg').length).toBe(6);
    expect($('figure.plot[data-plot="correlation.svg"] svg rect').length).toBeGreaterThan(16);
    expect($('.panel-kappa').text()).toMatch(/Panel verdict κ .*: -?\d\.\d\d \(95% CI/);
    expect($('.n-eff').text()).toMatch(/^n_eff = \d\.\d\d independent votes of 4/);
    const css = await client.get('/assets/calibration.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('escapes persona names in the table and inside the SVG', async () => {
    const client = new WebClient(calibrated({ names: [`Builder ${XSS}`, 'Skeptic', 'Futurist', 'Creator'] }).app);
    const page = await client.get('/calibration');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(XSS);
    expect(page.body).toContain('&lt;script&gt;');
    expect(page.body).toContain('Builder &#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('needs the sign-in when EDITOR_TOKEN is set, and includes simulated reviews only when asked', async () => {
    const guarded = calibrated({ token: 'correct-horse-battery-staple-4f1d2a' });
    const anonymous = await new WebClient(guarded.app).get('/calibration');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/login?next=%2Fcalibration');
    const signedIn = await new WebClient(guarded.app, { authorization: 'Bearer correct-horse-battery-staple-4f1d2a' }).get('/calibration?simulated=1');
    expect(signedIn.status).toBe(200);
    expect(load(signedIn.body)('.scope').text()).toContain('simulated reviews included (0)');
  });
});
