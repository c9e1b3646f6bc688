/** `GET /`: the queue — drafts by default; `?status=` approved, rejected or superseded; `&flagged=1`. */
import { Hono } from 'hono';
import { UsageError } from '../errors.js';
import { ReviewStatus } from '../schemas.js';
import type { ReviewStatus as Status } from '../store/index.js';
import { chrome, type EditorDeps } from './routes-context.js';
import type { EditorEnv } from './security.js';
import { queuePage, STATUSES } from './views/queue.js';

export function queueRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();

  app.get('/', (c) => {
    const parsed = ReviewStatus.safeParse(c.req.query('status') ?? 'draft');
    if (!parsed.success) throw new UsageError(`status must be one of ${STATUSES.join(', ')}`);
    const status = parsed.data;
    const flagged = c.req.query('flagged') === '1';
    const items = deps.desk.queue({ status, flagged });
    const counts = Object.fromEntries(
      STATUSES.map((each) => [each, deps.store.listReviews({ status: each }).filter((summary) => !flagged || summary.flagCount > 0).length]),
    ) as Record<Status, number>;
    return c.html(queuePage({ status, flagged, items, counts }, chrome(c, deps)));
  });

  return app;
}
