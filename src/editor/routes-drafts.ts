/**
 * `/reviews/:id`: the draft page, and the four actions on it. Each POST names the acting
 * editor from the sign-in (never from the form), makes one desk call and answers 303 with a
 * flash: approve and reject go on to the next draft (the queue once none is left; routes-next.ts),
 * edit and regenerate to the persona's card.
 * A desk refusal (UsageError) is thrown on to `app.onError`, which shows it on the draft.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { isAnswer } from '../store/index.js';
import { RegenerationError } from './desk-regenerate.js';
import { claimRoutes } from './routes-claims.js';
import { QuoteNeededError, reviewThreshold } from './desk-edit.js';
import { amendRoutes, askAboutQuote } from './routes-amend.js';
import { nextPath, nextRoutes } from './routes-next.js';
import type { EditChanges } from './desk-types.js';
import { actingEditor, chrome, form, redirectWith, type EditorDeps } from './routes-context.js';
import type { EditorEnv } from './security.js';
import { count } from './views/format.js';
import { draftPage } from './views/draft.js';

/** An empty field means "not given" (a browser sends every field of a form). */
const blankIsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * The review revision the page showed. Optional so a bearer script can act on the current
 * revision; every form the desk renders sends it.
 */
const revision = z.preprocess(
  blankIsMissing,
  z.string().trim().regex(/^\d{1,9}$/, 'must be the revision number the page showed').transform(Number).optional(),
);

const EditForm = z.object({
  revision,
  score: z.preprocess(
    blankIsMissing,
    z.string().trim().regex(/^\d{1,3}$/, 'must be a whole number from 0 to 100').transform(Number).optional(),
  ),
  verdict: z.preprocess(blankIsMissing, z.enum(['ship', 'skip']).optional()),
  quote: z.preprocess(blankIsMissing, z.string().max(5000).optional()),
  /** The editor keeps the quote of a score edit that moves the verdict across the ship line. */
  keep_quote: z.preprocess(blankIsMissing, z.literal('1').optional()),
});
const RejectForm = z.object({ reason: z.string().max(5000), revision });
const RegenerateForm = z.object({ force: z.preprocess(blankIsMissing, z.literal('1').optional()), revision });
/** `unchecked=1`: the editor confirms approving a review that was not grounding-checked. */
const ApproveForm = z.object({ revision, unchecked: z.preprocess(blankIsMissing, z.literal('1').optional()) });

export function draftRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();
  const { desk } = deps;
  const pagePath = (id: string, anchor = '') => `/reviews/${encodeURIComponent(id)}${anchor}`;
  const left = () => {
    const drafts = desk.queue().length;
    return drafts === 0 ? 'The queue is clear.' : `${count(drafts, 'draft')} left.`;
  };

  app.get('/:id', (c) => {
    const view = desk.show(c.req.param('id'));
    return c.html(draftPage(view, chrome(c, deps), reviewThreshold(view.review)));
  });

  app.post('/:id/approve', form(ApproveForm), (c) => {
    const by = actingEditor(c, deps);
    const body = c.req.valid('form');
    const review = desk.approve(c.req.param('id'), by, { revision: body.revision }, { allowUnchecked: body.unchecked === '1' });
    return redirectWith(c, nextPath(deps, review.id), {
      kind: 'ok',
      message: `Approved ${review.tool.name} (${review.panel.label}). ${left()}`,
      link: { href: pagePath(review.id), text: 'View it' },
    });
  });

  app.post('/:id/reject', form(RejectForm), (c) => {
    const by = actingEditor(c, deps);
    const body = c.req.valid('form');
    const review = desk.reject(c.req.param('id'), by, body.reason, { revision: body.revision });
    return redirectWith(c, nextPath(deps, review.id), {
      kind: 'ok',
      message: `Rejected ${review.tool.name}. ${left()}`,
      link: { href: pagePath(review.id), text: 'View it' },
    });
  });

  app.post('/:id/personas/:persona/edit', form(EditForm), (c) => {
    const by = actingEditor(c, deps);
    const { id, persona } = c.req.param();
    const body = c.req.valid('form');
    // The form shows every field filled in; only what differs from the current answer is a change.
    const current = desk.show(id).personas.find((each) => each.persona === persona.trim().toLowerCase())?.current;
    const answer = current != null && isAnswer(current) ? current : null;
    const changes: EditChanges = {
      score: body.score !== undefined && body.score !== answer?.score ? body.score : undefined,
      verdict: body.verdict,
      quote: body.quote !== undefined && body.quote.trim() !== answer?.quote ? body.quote : undefined,
      keepQuote: body.keep_quote === '1',
    };
    let review;
    try {
      review = desk.edit(id, persona, changes, by, { revision: body.revision });
    } catch (error) {
      if (!(error instanceof QuoteNeededError)) throw error;
      return askAboutQuote(c, deps, id, error, { score: error.crossing.score, verdict: body.verdict, quote: body.quote ?? answer?.quote ?? '' });
    }
    const saved = review.reviews.find((each) => each.persona === persona.trim().toLowerCase());
    return redirectWith(c, pagePath(review.id, `#persona-${saved?.persona ?? ''}`), {
      kind: 'ok',
      message: saved ? `Saved ${saved.name}: ${saved.score} · ${saved.verdict}. The panel is now ${review.panel.label}.` : 'Saved.',
    });
  });

  app.post('/:id/personas/:persona/regenerate', form(RegenerateForm), async (c) => {
    const by = actingEditor(c, deps);
    const { id, persona } = c.req.param();
    const { force: forced, revision: seen } = c.req.valid('form');
    const force = forced === '1';
    const regenerateDeps = { engine: deps.engine };
    const target = desk.resolve(id);
    const anchor = pagePath(target.id, `#persona-${persona.trim().toLowerCase()}`);
    try {
      const review = await desk.regenerate(target.id, persona, by, regenerateDeps, { force, revision: seen });
      const fresh = review.reviews.find((each) => each.persona === persona.trim().toLowerCase());
      return redirectWith(c, anchor, {
        kind: 'ok',
        message: fresh ? `Regenerated ${fresh.name}: ${fresh.score} · ${fresh.verdict}. The panel is now ${review.panel.label}.` : 'Regenerated.',
      });
    } catch (error) {
      // The model gave no new answer; what it spent (and a failure, if any) is recorded.
      if (error instanceof RegenerationError) return redirectWith(c, anchor, { kind: 'error', message: error.message });
      throw error;
    }
  });

  app.route('/', claimRoutes(deps));
  app.route('/', amendRoutes(deps));
  app.route('/', nextRoutes(deps));

  return app;
}
