/**
 * `/reviews/:id/claims/:claim/{accept,remove}`: an editor's decision on an unsupported claim
 * (issue 12). Like every action: the editor from the sign-in, the revision the page showed,
 * one desk call, 303 back to the claims card; a refusal is shown on the draft by `app.onError`.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { actingEditor, form, redirectWith, type EditorDeps } from './routes-context.js';
import type { EditorEnv } from './security.js';

const revision = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().regex(/^\d{1,9}$/, 'must be the revision number the page showed').transform(Number).optional(),
);
const AcceptForm = z.object({ reason: z.string().max(5000), revision });
/** Without `text`: the claim's words are already gone from the text (the editor edited it). */
const RemoveForm = z.object({ text: z.string().max(5000).optional(), revision });

export function claimRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();
  const { desk } = deps;
  const back = (id: string) => `/reviews/${encodeURIComponent(id)}#claims`;

  app.post('/:id/claims/:claim/accept', form(AcceptForm), (c) => {
    const by = actingEditor(c, deps);
    const { id, claim } = c.req.param();
    const body = c.req.valid('form');
    const review = desk.decideClaim(id, claim, { action: 'accepted', reason: body.reason }, by, { revision: body.revision });
    return redirectWith(c, back(review.id), { kind: 'ok', message: `Accepted claim ${claim}: ${body.reason.trim()}` });
  });

  app.post('/:id/claims/:claim/remove', form(RemoveForm), (c) => {
    const by = actingEditor(c, deps);
    const { id, claim } = c.req.param();
    const body = c.req.valid('form');
    const review = desk.decideClaim(id, claim, { action: 'removed', text: body.text }, by, { revision: body.revision });
    const edited = body.text !== undefined ? ' and saved your text' : '';
    return redirectWith(c, back(review.id), { kind: 'ok', message: `Removed claim ${claim}${edited}.` });
  });

  return app;
}
