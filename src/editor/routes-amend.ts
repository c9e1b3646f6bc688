/**
 * Corrections on the web page (issue 13): `POST /reviews/:id/amend` opens (or reuses) the
 * correction draft of a published review and goes to it, and the answer to a score edit that
 * crosses the ship line without a word about the quote: the draft page again, asking.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { QuoteNeededError } from './desk-edit.js';
import { reviewThreshold } from './desk-edit.js';
import { chrome, actingEditor, form, redirectWith, type EditorContext, type EditorDeps } from './routes-context.js';
import type { EditorEnv } from './security.js';
import { quoteQuestion, type AttemptedEdit } from './views/correction.js';
import { draftPage } from './views/draft.js';

export function amendRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();
  app.post('/:id/amend', form(z.object({})), (c) => {
    const by = actingEditor(c, deps);
    const { review, reused } = deps.desk.amend(c.req.param('id'), by);
    return redirectWith(c, `/reviews/${encodeURIComponent(review.id)}`, {
      kind: 'ok',
      message: reused
        ? 'This correction was already open: edit it here. The published review stays live until you approve it.'
        : 'Opened a correction of the published review: edit it here. The published review stays live until you approve this one.',
    });
  });
  return app;
}

/**
 * The draft page with the quote question above it. 200, not an error status: it is a form to
 * answer (a browser logs a 4xx page as a failed load); nothing was saved, and a saved edit is
 * always a 303, so a script that checks for 303 still sees the difference.
 */
export function askAboutQuote(c: EditorContext, deps: EditorDeps, reviewId: string, error: QuoteNeededError, attempted: AttemptedEdit): Response | Promise<Response> {
  const view = deps.desk.show(reviewId);
  const page = chrome(c, deps);
  return c.html(draftPage(view, page, reviewThreshold(view.review), quoteQuestion(view, error, attempted, page)));
}
