/**
 * Issue 12 on the draft page: claims marked at their spans (escaped, whatever the model or the
 * page wrote), a supported claim's source on hover and focus, the claims card's accept and
 * remove actions, and approval refused (409, nothing changed) until every unsupported claim is
 * decided — or, for a review that was not grounding-checked, until the editor confirms it.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { Review } from '../../src/schemas.js';
import { checkedGrounding } from '../store/sample-review.js';
import { claim, DESCRIPTION, GROUNDED_ID, groundedReview, PAGE, spanOf } from '../editor/claims-fixture.js';
import { dbSnapshot, WebClient } from './web-client.js';
import { ATTRIBUTE_BREAKER, draftFrom, TOOLS, webBench, XSS, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench | undefined;
afterEach(() => bench?.cleanup());

async function open(drafts: Review[], id: string): Promise<{ client: WebClient; page: string }> {
  bench = webBench(context, drafts, { env: { EDITOR_NAME: 'Ann' } });
  const client = new WebClient(bench.app);
  const page = (await client.get(`/reviews/${id}`)).body;
  return { client, page };
}

const revisionOf = (id: string) => String(bench?.store.reviewState(id)?.revision);

describe('marks', () => {
  it('marks each claim at its span: unsupported with a visible label, supported with its source on hover and focus', async () => {
    const { page } = await open([groundedReview()], GROUNDED_ID);
    const description = /<p class="description">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '';
    expect(description).toMatch(
      /^Runs <mark class="claim is-supported" tabindex="0" data-claim="c1" title="([^"]*)" data-source="\1">a panel of up to 8 models in parallel<\/mark> and offers <mark class="claim is-unsupported" data-claim="c2" title="[^"]*">three fusion modes \(best-of, merge and debate\)<\/mark><a class="claim-tag is-unsupported" href="#claim-c2">⚑ unsupported c2<\/a> at <mark class="claim is-unsupported" data-claim="c3"[^>]*>20–30% overhead<\/mark><a[^>]*>⚑ unsupported c3<\/a>\.$/,
    );
    expect(description).toContain('title="Supported by the page: “a panel of up to 8 models in parallel”"');
    const skeptic = /id="persona-skeptic"[\s\S]*?<blockquote class="quote">([\s\S]*?)<\/blockquote>/.exec(page)?.[1] ?? '';
    expect(skeptic).toMatch(/^It adds <mark class="claim is-unsupported" data-claim="c4"[^>]*>20–30% overhead<\/mark><a[^>]*>⚑ unsupported c4<\/a> to every call/);
    expect(page).toContain('grounding-checked · 1 supported · 3 unsupported · 3 to decide');
    expect(page).toContain('id="claim-c2"');
    expect(page).toMatch(/<button type="button" class="button approve" disabled>✓ Approve and publish<\/button><p class="hint">Decide the 3 unsupported claims first/);
  });

  it('escapes hostile claim words, sources and texts everywhere (text and attributes)', async () => {
    const evil = `${XSS}${ATTRIBUTE_BREAKER}`;
    const description = `Adds ${evil} mode, on ${PAGE.slice(0, 5)} & more.`;
    const sourceQuote = `quote ${evil}`;
    const review = groundedReview({
      tool: { ...groundedReview().tool, description },
      grounding: checkedGrounding([
        claim({ id: 'c1', field: 'description', text: 'more', in: description, status: 'supported', support: { source: `page${ATTRIBUTE_BREAKER}`, start: 0, end: 5, quote: sourceQuote, method: 'model' } }),
        claim({ id: 'c2', field: 'description', text: `${evil} mode`, in: description, kind: 'mode' }),
      ]),
    });
    const { page } = await open([review], GROUNDED_ID);
    expect(page).not.toContain(XSS);
    expect(page).not.toContain(ATTRIBUTE_BREAKER);
    expect(page).toContain('<mark class="claim is-unsupported" data-claim="c2"');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x mode</mark>');
    expect(page).toContain('data-source="Supported by the page&quot; onmouseover=&quot;x: “quote &lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;x”"');
    // The removal form offers the text without the claim, escaped inside the textarea.
    expect(page).toMatch(/<textarea name="text"[^>]*>Adds, on Fusio &amp; more\.<\/textarea>/);
  });

  it('a claim whose span no longer fits the text is listed but not marked', async () => {
    const broken = groundedReview({ grounding: checkedGrounding([{ ...claim({ id: 'c2', field: 'tagline', text: 'nowhere', in: 'nowhere' }), span: { start: 500, end: 510 } }]) });
    const { page } = await open([broken], GROUNDED_ID);
    expect(page).not.toContain('data-claim="c2"');
    expect(page).toContain('No longer in the tagline as it reads now.');
  });
});

describe('decisions and approval', () => {
  it('approve is a 409 until every unsupported claim is decided; then it goes through', async () => {
    const { client } = await open([groundedReview()], GROUNDED_ID);
    const store = bench?.store;
    if (store == null) throw new Error('no bench');
    const base = `/reviews/${GROUNDED_ID}`;
    let before = dbSnapshot(store);
    const refused = await client.post(`${base}/approve`, { revision: revisionOf(GROUNDED_ID) });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('has 3 unsupported claims without a decision');
    expect(dbSnapshot(store)).toBe(before);

    const empty = await client.post(`${base}/claims/c2/accept`, { reason: '  ', revision: revisionOf(GROUNDED_ID) });
    expect(empty.status).toBe(400);
    const accepted = await client.post(`${base}/claims/c2/accept`, { reason: 'Confirmed on the vendor call.', revision: revisionOf(GROUNDED_ID) });
    expect(accepted).toMatchObject({ status: 303, location: `${base}#claims` });

    // A form from before that decision is stale: 409, the draft as it is now, nothing written.
    before = dbSnapshot(store);
    const stale = await client.post(`${base}/claims/c3/accept`, { reason: 'late', revision: '1' });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('changed since you looked');
    expect(dbSnapshot(store)).toBe(before);

    const stillThere = await client.post(`${base}/claims/c3/remove`, { revision: revisionOf(GROUNDED_ID) });
    expect(stillThere.status).toBe(409);
    const removed = await client.post(`${base}/claims/c3/remove`, { text: 'Runs a panel of up to 8 models in parallel and offers three fusion modes (best-of, merge and debate).', revision: revisionOf(GROUNDED_ID) });
    expect(removed.status).toBe(303);
    await client.post(`${base}/claims/c4/remove`, { text: 'Fusion hides which model was wrong.', revision: revisionOf(GROUNDED_ID) });

    const page = (await client.get(base)).body;
    expect(page).toContain('Accepted by <b>Ann</b>');
    expect(page).toContain('<mark class="claim is-accepted" data-claim="c2"');
    expect(page).toContain('✎ Description edited by <b>Ann</b>');
    expect(page).toContain(`The model wrote: <q>${DESCRIPTION}</q>`);
    expect(page).toContain('<b>accepted</b> claim c2 (<q>three fusion modes (best-of, merge and debate)</q>): Confirmed on the vendor call.');
    expect(page).toContain('<b>removed</b> claim c3 (<q>20–30% overhead</q>) by editing the text');
    const approved = await client.post(`${base}/approve`, { revision: revisionOf(GROUNDED_ID) });
    expect(approved).toMatchObject({ status: 303, location: '/' });
    expect(store.reviewState(GROUNDED_ID)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
  });

  it('a review without grounding is labelled not grounding-checked and needs the confirmation box', async () => {
    const { grounding: _none, ...old } = draftFrom(TOOLS[0] as (typeof TOOLS)[number], 0);
    const { client, page } = await open([old], old.id);
    expect(page).toContain('not grounding-checked');
    expect(page).toContain('<input type="checkbox" name="unchecked" value="1" required>');
    const store = bench?.store;
    if (store == null) throw new Error('no bench');
    const before = dbSnapshot(store);
    const refused = await client.post(`/reviews/${old.id}/approve`, { revision: revisionOf(old.id) });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('is not grounding-checked');
    expect(dbSnapshot(store)).toBe(before);
    const approved = await client.post(`/reviews/${old.id}/approve`, { revision: revisionOf(old.id), unchecked: '1' });
    expect(approved.status).toBe(303);
  });

  it('the spans of the fixture are where the test says (a fixture typo fails here, not in a page regex)', () => {
    expect(spanOf(DESCRIPTION, '20–30% overhead').end).toBe(DESCRIPTION.length - 1);
  });
});
