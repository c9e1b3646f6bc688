/**
 * `GET /compare?a=<tool>&b=<tool>`: the comparison page of two tools as the site would show
 * it, built from each tool's newest draft or approved review (`drafts: true`) and marked as
 * the editor's preview. A tool is named by slug, URL or review id, as on the command line.
 * The page is the publish stage's own HTML with its stylesheet linked from
 * /assets/comparison.css (the CSP allows styles from 'self' only) and no scripts. Unknown
 * tool, the same tool twice, a missing or overlong reference: a `UsageError`, which
 * `app.onError` turns into the desk's one-line error page (404 for an unknown tool, else 400).
 * The preview's bar carries a form to write the verdict line by hand: `POST /compare/line`
 * (a, b, line) saves it with no model (`writeComparisonLine`), then shows the page again.
 *
 * @example
 * ```ts
 * app.route('/', compareRoutes(deps));
 * await app.request('/compare?a=terrarium&b=https://openrouter.ai/labs/fusion');
 * ```
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { comparePair, MAX_VERDICT_LINE_CHARS, renderComparisonHtml, writeComparisonLine } from '../publish/index.js';
import { actingEditor, chrome, form, redirectWith, type EditorDeps } from './routes-context.js';
import { CSRF_FIELD, type EditorEnv } from './security.js';

/** Where the comparison page's stylesheet (PAGE_CSS) is served. */
export const COMPARISON_CSS_PATH = '/assets/comparison.css';

/** Longer than any slug, URL or review id an editor would type. */
const MAX_REF_CHARS = 500;

/** A slug or a review id (or prefix): a reference `/reviews/:ref` also understands. */
const REVIEW_REF = /^[a-z0-9][a-z0-9-]{0,99}$/i;

function toolRef(value: string | undefined, which: string): string {
  const ref = value?.trim() ?? '';
  if (ref === '') throw new UsageError(`say which tool to compare${which}: give its slug, URL or review id`);
  if (ref.length > MAX_REF_CHARS) throw new UsageError(`a tool reference is at most ${MAX_REF_CHARS} characters`);
  return ref;
}

/**
 * Where the page, or its error page, leads back to: the draft of the first tool when it is
 * named by slug or id (the draft page's form sends its review id), else the drafts.
 */
export function compareBack(a: string | undefined): { href: string; text: string } {
  const ref = a?.trim() ?? '';
  return REVIEW_REF.test(ref) ? { href: `/reviews/${encodeURIComponent(ref)}`, text: 'Back to the draft' } : { href: '/', text: 'Back to the drafts' };
}

const LineForm = z.object({ a: z.string().max(MAX_REF_CHARS), b: z.string().max(MAX_REF_CHARS), line: z.string().max(2000) });

export function compareRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();
  const compareDeps = { store: deps.store, resolveReview: deps.desk.resolve, personas: deps.engine.context.personas };

  app.get('/compare', (c) => {
    const a = toolRef(c.req.query('a'), '');
    const b = toolRef(c.req.query('b'), ' it with');
    const pair = comparePair(a, b, compareDeps, { drafts: true });
    const [first, second] = pair.tools;
    const save = `npm run compare -- ${first.tool.slug} ${second.tool.slug} --save`;
    const note = pair.outdatedLine
      ? `The stored verdict line was written from other reviews, so it is not shown: write a new one below, or with ${save}.`
      : pair.stored == null
        ? `No verdict line yet: write one below, or with a model: ${save}.`
        : undefined;
    const lineForm = {
      action: '/compare/line',
      hidden: [{ name: CSRF_FIELD, value: chrome(c, deps).csrf ?? '' }, { name: 'a', value: a }, { name: 'b', value: b }],
      current: pair.page.verdictLine?.text ?? '',
      maxLength: MAX_VERDICT_LINE_CHARS,
    };
    const back = { href: `/reviews/${encodeURIComponent(first.side.review.id)}`, text: `Back to ${first.tool.name}` };
    return c.html(
      renderComparisonHtml(pair.page, {
        stylesheetHref: COMPARISON_CSS_PATH,
        previewBar: { back, ...(note ? { note } : {}), lineForm },
      }),
    );
  });

  // The verdict line by hand (no model, no key): the pair's draft for the previewed reviews is made if there is none.
  app.post('/compare/line', form(LineForm), (c) => {
    const by = actingEditor(c, deps);
    const body = c.req.valid('form');
    const a = toolRef(body.a, '');
    const b = toolRef(body.b, ' it with');
    const result = writeComparisonLine(a, b, body.line, by, compareDeps, { drafts: true });
    const to = `/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
    const what = result.outcome === 'created' ? 'Saved a new draft' : 'Saved the verdict line';
    return redirectWith(c, to, { kind: 'ok', message: `${what} of ${result.stored.row.slug}.` });
  });

  return app;
}
