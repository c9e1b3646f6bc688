/**
 * The desk flow (issue 13) over HTTP and on the CLI: queue rows show the tool's place and why
 * each draft is there (every origin, flags, routing), the queue orders by attention, and
 * approve/reject go on to the next draft (the queue once none is left).
 */
import { load } from 'cheerio';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { Attention, Review } from '../../src/schemas.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { WebClient } from './web-client.js';
import { draftFrom, TOOLS, webBench, XSS, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

const spec = (name: string) => TOOLS.find((tool) => tool.name === name) as (typeof TOOLS)[number];
const routed = (attention: Attention | null): Partial<Review> =>
  attention == null ? {} : { routing: { attention, reasons: attention === 'routine' ? [] : ['skeptic: confidence 41 below 60'] } };

/** Index → id, via draftFrom's deterministic ids. */
const PUBLISHED = 0; // Aider (aider.chat), approved: the one the re-review and correction amend
const REREVIEW = 1; // Aider again, a re-review, routine
const TWIN = 2; // another "Aider", on GitHub, needs attention
const CORRECTION = 3; // Ollama, an editor's correction, unrouted
const FLAGGED = 4; // Zed AI, new, flagged, needs attention
const HOSTILE = 5; // a URL made to break out of an attribute
const ids: string[] = [];

function drafts(): Review[] {
  const aider = spec('Aider');
  const list = [
    draftFrom(aider, PUBLISHED, { flags: [] }),
    draftFrom(aider, REREVIEW, { flags: [], ...routed('routine') }),
    draftFrom({ ...aider, url: 'https://github.com/Aider-AI/aider' }, TWIN, { flags: [], ...routed('needs-attention') }),
    draftFrom(spec('Ollama'), CORRECTION, { flags: [] }),
    draftFrom(spec('Zed AI'), FLAGGED, { flags: [{ kind: 'prompt-injection', detail: 'page says "score 100"' }], ...routed('needs-attention') }),
    draftFrom({ ...spec('Continue'), name: 'Hostile', url: `https://evil.example/"><b>${encodeURIComponent(XSS)}` }, HOSTILE, { flags: [] }),
  ];
  ids.splice(0, ids.length, ...list.map((each) => each.id));
  return list;
}

let bench: WebBench;
let client: WebClient;
beforeEach(() => {
  bench = webBench(context, drafts(), { env: { EDITOR_NAME: 'Ann' } });
  bench.desk.approve(ids[PUBLISHED] as string, 'Ann');
  const origin = bench.store.db.prepare('UPDATE reviews SET origin = ?, amends = ? WHERE id = ?');
  origin.run('re-review', ids[PUBLISHED], ids[REREVIEW]);
  origin.run('correction', ids[CORRECTION], ids[CORRECTION]); // amends only needs a review; Ollama's own stands in
  client = new WebClient(bench.app);
});
afterEach(() => bench.cleanup());

const rows = (body: string) => {
  const $ = load(body);
  return $('tbody tr')
    .map((_, row) => ({
      name: $(row).find('a.tool-link').text(),
      place: $(row).find('.place').text(),
      title: $(row).find('.place').attr('title'),
      reasons: $(row).find('.badge.reason').map((__, badge) => $(badge).text()).get(),
    }))
    .get();
};

describe('queue rows', () => {
  it("show each tool's place and why the draft is there, needs-attention first, then unrouted, then routine", async () => {
    // A stored address is untrusted text (a file path can hold anything): put raw markup in one.
    bench.store.db.prepare('UPDATE tools SET url = ? WHERE id = (SELECT tool_id FROM reviews WHERE id = ?)').run(`file:/srv/pages/"><b>x</b>${XSS}.html`, ids[HOSTILE]);
    const page = await client.get('/');
    expect(page.status).toBe(200);
    expect(rows(page.body)).toEqual([
      { name: 'Zed AI', place: 'zed.dev/ai', title: 'https://zed.dev/ai', reasons: ['new', 'flagged', 'needs-attention'] },
      { name: 'Aider', place: 'github.com/aider-ai/aider', title: 'https://github.com/aider-ai/aider', reasons: ['new', 'needs-attention'] },
      { name: 'Hostile', place: "file: script>.html", title: `file:/srv/pages/"><b>x</b>${XSS}.html`, reasons: ['new'] },
      { name: 'Ollama', place: 'ollama.com', title: 'https://ollama.com', reasons: ['correction'] },
      { name: 'Aider', place: 'aider.chat', title: 'https://aider.chat', reasons: ['re-review', 'routine'] },
    ]);
    const $ = load(page.body);
    expect($('.badge.reason-re-review').attr('title')).toBe(`A re-review of a published tool (its sources or our prompts changed); it would replace the published review ${(ids[PUBLISHED] as string).slice(0, 8)}`);
    expect($('.badge.reason-correction').attr('title')).toMatch(/^An editor's correction of a published review; it would replace/);
    // Untrusted URL text is escaped: no element or attribute escapes from it.
    expect($('.place').children()).toHaveLength(0);

    expect(page.body).not.toContain(XSS);
  });

  it('the CLI queue shows the same places and reasons, in the same order', async () => {
    const result = await cli(['drafts', 'list'], baseEnv({ PANEL_DB: bench.dbPath }));
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => /^ {2}[0-9a-f]{8} {2}/.test(line));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/ Zed AI +zed\.dev\/ai +.* new · flagged · needs-attention +\[1 flag\]$/);
    expect(lines[1]).toMatch(/ Aider +github\.com\/aider-ai\/aider +.* new · needs-attention$/);
    expect(lines[2]).toMatch(/ Hostile +evil\.example\/\S+ +.* new$/);
    expect(lines[3]).toMatch(/ Ollama +ollama\.com +.* correction$/);
    expect(lines[4]).toMatch(/ Aider +aider\.chat +.* re-review · routine$/);
  });

  it('the CLI strips control characters from a place, like every other page text', async () => {
    bench.store.db.prepare('UPDATE tools SET url = ? WHERE id = (SELECT tool_id FROM reviews WHERE id = ?)').run('file:/tmp/\u001b]0;owned\u0007\u001b[2Jpage\u202e.html', ids[HOSTILE]);
    const result = await cli(['drafts', 'list'], baseEnv({ PANEL_DB: bench.dbPath }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ Hostile +file: page ?\.html +Mixed/);
    expect(result.stdout).not.toContain('owned');
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('after approve or reject: the next draft', () => {
  const queueIds = () => bench.desk.queue().map((item) => item.id);

  it('approve lands on the draft after this one, with the flash; reject too; the last decision lands on the queue', async () => {
    const order = queueIds();
    expect(order).toEqual([FLAGGED, TWIN, HOSTILE, CORRECTION, REREVIEW].map((index) => ids[index]));
    await client.get(`/reviews/${order[1]}`);
    const approved = await client.post(`/reviews/${order[1]}/approve`);
    expect(approved).toMatchObject({ status: 303, location: `/reviews/${order[2]}` });
    const landed = await client.get(approved.location as string);
    expect(load(landed.body)('.flash').text()).toMatch(/^Approved Aider \(.*\)\. 4 drafts left\./);
    expect(load(landed.body)('h1').first().text()).toBe('Hostile');

    const rejected = await client.post(`/reviews/${order[2]}/reject`, { reason: 'Not a tool.' });
    expect(rejected).toMatchObject({ status: 303, location: `/reviews/${order[3]}` });
    expect(load((await client.get(rejected.location as string)).body)('.flash').text()).toMatch(/^Rejected Hostile\. 3 drafts left\./);

    // The last draft of the queue: on to the first one left (the queue wraps round).
    const last = await client.post(`/reviews/${order[4]}/approve`);
    expect(last).toMatchObject({ status: 303, location: `/reviews/${order[0]}` });
    await client.get(last.location as string);
    expect((await client.post(`/reviews/${order[0]}/reject`, { reason: 'Steered.' })).location).toBe(`/reviews/${order[3]}`);
    await client.get(`/reviews/${order[3]}`);
    // The last draft left (the correction, whose stand-in "published" review is a draft, so it
    // can only be rejected): back to the queue, which says it is clear.
    const clear = await client.post(`/reviews/${order[3]}/reject`, { reason: 'Nothing to correct.' });
    expect(clear).toMatchObject({ status: 303, location: '/' });
    expect(load((await client.get('/')).body)('.flash').text()).toContain('The queue is clear.');
  });

  it("GET /reviews/:id/next goes to the next draft (the draft page's Next link and j/n key)", async () => {
    const order = queueIds();
    expect(await client.get(`/reviews/${order[0]}/next`)).toMatchObject({ status: 303, location: `/reviews/${order[1]}` });
    expect(await client.get(`/reviews/${order[4]}/next`)).toMatchObject({ status: 303, location: `/reviews/${order[0]}` });
    // From a published review: the first draft.
    expect((await client.get(`/reviews/${ids[PUBLISHED]}/next`)).location).toMatch(/^\/reviews\//);
    expect((await client.get('/reviews/ffffffff-0000-4000-8000-000000000000/next')).status).toBe(404);
    const page = load((await client.get(`/reviews/${order[0]}`)).body);
    expect(page('a.next-draft').attr('href')).toBe(`/reviews/${order[0]}/next`);
    expect(page('a.next-draft').attr('aria-keyshortcuts')).toBe('j n');
    expect(page('button.approve').attr('aria-keyshortcuts')).toBe('a');
    expect(page('textarea[name="reason"]').attr('aria-keyshortcuts')).toBe('r');
    expect(page('.keys-hint').text()).toMatch(/a approve · r reject .* j\/n next draft/);
  });

  it('the CLI prints the next draft after approve and reject', async () => {
    const env = baseEnv({ PANEL_DB: bench.dbPath, EDITOR_NAME: 'Ann' });
    const order = queueIds();
    const approve = await cli(['drafts', 'approve', order[0] as string], env);
    expect(approve.code, approve.stderr).toBe(0);
    expect(approve.stdout).toMatch(new RegExp(`\\nnext: ${(order[1] as string).slice(0, 8)} Aider\\n$`));
    const reject = await cli(['drafts', 'reject', order[4] as string, '--reason', 'Stale.'], env);
    expect(reject.stdout).toMatch(new RegExp(`\\nnext: ${(order[1] as string).slice(0, 8)} Aider\\n$`));
    for (const id of order.slice(1, 3)) await cli(['drafts', 'approve', id as string], env);
    // The correction's stand-in "published" review is not published: it can only be rejected.
    await cli(['drafts', 'reject', order[3] as string, '--reason', 'Nothing to correct.'], env);
    expect((await cli(['drafts', 'list'], env)).stdout).toBe('No drafts.\n');
  });
});
