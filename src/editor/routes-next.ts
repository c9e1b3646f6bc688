/**
 * The desk's "next draft": `GET /reviews/:id/next` (the draft page's Next link and its `j`/`n`
 * key) and where approve and reject land (`nextPath`): the draft after this one in the queue,
 * or the queue once none is left.
 */
import { Hono } from 'hono';
import { nextDraft } from './desk-next.js';
import type { EditorDeps } from './routes-context.js';
import type { EditorEnv } from './security.js';

/** The next draft's page after review `id`, or the queue when no draft is left. */
export function nextPath(deps: Pick<EditorDeps, 'store'>, id: string): string {
  const next = nextDraft(deps.store, id);
  return next == null ? '/' : `/reviews/${encodeURIComponent(next.id)}`;
}

export function nextRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();
  app.get('/:id/next', (c) => {
    // Resolved first, so a wrong id is the usual 404 page rather than a silent trip to the queue.
    const review = deps.desk.resolve(c.req.param('id'));
    return c.redirect(nextPath(deps, review.id), 303);
  });
  return app;
}
