/**
 * `GET /compare?a=<tool>&b=<tool>`: the comparison page of two tools as the site would show
 * it, built from each tool's newest draft or approved review (`drafts: true`) and marked as
 * the editor's preview. A tool is named by slug, URL or review id, as on the command line.
 * The page is the publish stage's own HTML with its stylesheet linked from
 * /assets/comparison.css (the CSP allows styles from 'self' only) and no scripts. Unknown
 * tool, the same tool twice, a missing or overlong reference: a `UsageError`, which
 * `app.onError` turns into the desk's one-line error page (404 for an unknown tool, else 400).
 *
 * @example
 * ```ts
 * app.route('/', compareRoutes(deps));
 * await app.request('/compare?a=terrarium&b=https://openrouter.ai/labs/fusion');
 * ```
 */
import { Hono } from 'hono';
import { UsageError } from '../errors.js';
import { comparePair, renderComparisonHtml } from '../publish/index.js';
import type { EditorDeps } from './routes-context.js';
import type { EditorEnv } from './security.js';

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
      ? `The stored verdict line was written from other reviews, so it is not shown: write a new one with ${save}.`
      : pair.stored == null
        ? `No verdict line yet: write one with ${save}.`
        : undefined;
    const back = { href: `/reviews/${encodeURIComponent(first.side.review.id)}`, text: `Back to ${first.tool.name}` };
    return c.html(
      renderComparisonHtml(pair.page, {
        stylesheetHref: COMPARISON_CSS_PATH,
        previewBar: { back, ...(note ? { note } : {}) },
      }),
    );
  });

  return app;
}
