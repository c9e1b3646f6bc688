/**
 * A store of approved simulated reviews for the eval tests: ~40 tools from JSON profile files
 * reviewed through runReview against the simulator, approved through the desk, a few with an
 * editor's verdict change first.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createDesk } from '../../src/editor/index.js';
import { createEngine } from '../../src/engine/index.js';
import { projectPaths } from '../../src/paths.js';
import { runReview } from '../../src/review/index.js';
import type { Review } from '../../src/schemas.js';
import { openStore } from '../../src/store/index.js';

const WORDS = ['indexes', 'agents', 'notebooks', 'pipelines', 'prompts', 'evals', 'traces', 'embeddings'];

function profileFile(dir: string, index: number): string {
  const topic = WORDS[index % WORDS.length] as string;
  const file = path.join(dir, `tool-${String(index).padStart(2, '0')}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name: `Tool ${index}`,
      tagline: `A small helper for ${topic}`,
      description: `Tool ${index} is a small helper for ${topic}, made by a two-person team. It runs locally and keeps its data on your machine.`,
      category: 'Developer Tools',
      pricing: { entry: 'Free', detail: 'Free for individuals' },
      bestFor: `Teams that work with ${topic}`,
      vendor: `Vendor ${index}`,
      url: `https://tool-${index}.example.com/`,
      text: `Tool ${index} helps with ${topic}. It runs locally and keeps its data on your machine. It is made by a two-person team.`,
    }),
  );
  return file;
}

export interface EditorChange {
  reviewId: string;
  persona: string;
  from: 'ship' | 'skip';
  to: 'ship' | 'skip';
}

export interface FilledStore {
  reviews: Review[];
  changes: EditorChange[];
}

/**
 * Reviews `count` tools into `env.PANEL_DB` (simulated, no grounding model) and approves them
 * all; `edits` gives, per persona, how many of the first reviews an editor flips first.
 */
export async function fillStore(env: Record<string, string | undefined>, count: number, edits: Record<string, number>): Promise<FilledStore> {
  const config = loadConfig(env);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-tools-'));
  const store = openStore(config.dbPath);
  try {
    const engine = await createEngine(config, { store });
    const reviews: Review[] = [];
    for (let index = 0; index < count; index++) {
      reviews.push(await runReview(profileFile(dir, index), { simulated: true, grounding: false }, engine, { now: () => new Date(Date.UTC(2026, 0, 1, 0, index)) }));
    }
    const desk = createDesk(store, { threshold: config.shipThreshold, allowSimulated: true, personas: engine.context.personas });
    const changes: EditorChange[] = [];
    let offset = 0;
    for (const [persona, times] of Object.entries(edits)) {
      for (const review of reviews.slice(offset, offset + times)) {
        const answer = review.reviews.find((each) => each.persona === persona);
        if (answer == null) throw new Error(`fillStore: ${persona} did not answer on ${review.id}`);
        const to = answer.verdict === 'ship' ? 'skip' : 'ship';
        desk.edit(review.id, persona, { score: to === 'ship' ? 75 : 25, keepQuote: true }, 'Ann');
        changes.push({ reviewId: review.id, persona, from: answer.verdict, to });
      }
      offset += times;
    }
    for (const review of reviews) desk.approve(review.id, 'Ann', {}, { allowUnchecked: true });
    return { reviews, changes };
  } finally {
    store.close();
  }
}

/** A copy of personas/ whose `persona` file gains `sentence` at the end of its body. */
export function candidatePersonas(persona: string, sentence: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-personas-'));
  cpSync(projectPaths.personas, dir, { recursive: true });
  const file = path.join(dir, `${persona}.md`);
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\n${sentence}\n`);
  return dir;
}
