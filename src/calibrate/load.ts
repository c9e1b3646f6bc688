/**
 * What the report is computed from, read straight from the store's tables (the store exposes
 * its connection for stages that add their own queries): per review its status, dates, the
 * engine's panel verdict and the approved one, and per persona the model's answer (revision 1)
 * and the answer in force when the review was approved.
 */
import type { Store } from '../store/index.js';

export type PanelVerdict = 'ship' | 'skip' | 'mixed';

export interface PersonaAnswer {
  score: number;
  verdict: 'ship' | 'skip';
}

export interface LoadedPersona {
  persona: string;
  name: string;
  /** `provider:model` of the engine's call (revision 1), also when that call failed. */
  model: string;
  /** The model's own answer; null when its call failed (an editor may have written one later). */
  modelAnswer: PersonaAnswer | null;
  /** The answer in force at approval (approved reviews only). */
  approved: PersonaAnswer | null;
}

export interface LoadedReview {
  id: string;
  status: 'draft' | 'approved' | 'rejected' | 'superseded';
  createdAt: string;
  /** Set for approved reviews and for superseded ones (approved once). */
  approvedAt: string | null;
  simulated: boolean;
  /** The engine's panel verdict (review_json), null when no persona answered. */
  modelPanel: PanelVerdict | null;
  /** The panel as approved (the recomputed columns). */
  approvedPanel: PanelVerdict | null;
  /** In panel order. */
  personas: LoadedPersona[];
}

interface ReviewRow {
  id: string;
  status: LoadedReview['status'];
  created_at: string;
  approved_at: string | null;
  simulated: 0 | 1;
  model_panel: string | null;
  verdict: string;
  persona_order: string | null;
}

interface PersonaRow {
  review_id: string;
  persona: string;
  revision: number;
  position: number;
  created_at: string;
  status: 'ok' | 'failed';
  name: string | null;
  score: number | null;
  verdict: 'ship' | 'skip' | null;
  model: string | null;
}

const asPanel = (value: string | null): PanelVerdict | null => (value === 'ship' || value === 'skip' || value === 'mixed' ? value : null);
const answerOf = (row: PersonaRow): PersonaAnswer | null =>
  row.status === 'ok' && row.score != null && row.verdict != null ? { score: row.score, verdict: row.verdict } : null;

/** Every review (simulated ones only when asked), oldest first. */
export function loadReviews(store: Store, options: { includeSimulated: boolean }): LoadedReview[] {
  const reviews = store.db
    .prepare<[number], ReviewRow>(
      `SELECT id, status, created_at, approved_at, simulated, verdict,
              json_extract(review_json, '$.panel.verdict') AS model_panel,
              json_extract(review_json, '$.versions.personas') AS persona_order
       FROM reviews WHERE simulated = 0 OR ? = 1 ORDER BY created_at, rowid`,
    )
    .all(options.includeSimulated ? 1 : 0);
  const personaRows = store.db
    .prepare<[number], PersonaRow>(
      `SELECT p.review_id, p.persona, p.revision, p.position, p.created_at, p.status, p.name, p.score, p.verdict, p.model
       FROM persona_reviews p JOIN reviews r ON r.id = p.review_id
       WHERE r.simulated = 0 OR ? = 1 ORDER BY p.review_id, p.persona, p.revision`,
    )
    .all(options.includeSimulated ? 1 : 0);
  const byReview = new Map<string, PersonaRow[]>();
  for (const row of personaRows) {
    const list = byReview.get(row.review_id);
    if (list == null) byReview.set(row.review_id, [row]);
    else list.push(row);
  }
  return reviews.map((row) => toLoaded(row, byReview.get(row.id) ?? []));
}

function toLoaded(row: ReviewRow, rows: PersonaRow[]): LoadedReview {
  const approvedAt = row.status === 'approved' || row.status === 'superseded' ? row.approved_at : null;
  const perPersona = new Map<string, PersonaRow[]>();
  for (const each of rows) perPersona.set(each.persona, [...(perPersona.get(each.persona) ?? []), each]);
  const order = panelOrder(row.persona_order);
  const rank = (persona: string, position: number) => {
    const index = order.indexOf(persona);
    return index === -1 ? order.length + position : index;
  };
  const personas: Array<{ persona: LoadedPersona; rank: number }> = [];
  for (const [persona, revisions] of perPersona) {
    const first = revisions.find((each) => each.revision === 1);
    if (first == null) continue;
    // Approved reviews take no more revisions, but a clock step back must not drop the last one.
    const inForce = approvedAt == null ? null : (revisions.filter((each) => each.created_at <= approvedAt).at(-1) ?? revisions.at(-1) ?? null);
    const named = revisions.find((each) => each.name != null)?.name ?? persona;
    personas.push({
      persona: { persona, name: named, model: first.model ?? 'unknown', modelAnswer: answerOf(first), approved: inForce == null ? null : answerOf(inForce) },
      rank: rank(persona, first.position),
    });
  }
  personas.sort((a, b) => a.rank - b.rank);
  return {
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    approvedAt,
    simulated: row.simulated === 1,
    modelPanel: asPanel(row.model_panel),
    approvedPanel: approvedAt == null ? null : asPanel(row.verdict),
    personas: personas.map((each) => each.persona),
  };
}

function panelOrder(json: string | null): string[] {
  if (json == null) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed != null && typeof parsed === 'object' ? Object.keys(parsed) : [];
  } catch {
    return [];
  }
}
