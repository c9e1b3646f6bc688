/** A temp store with a desk on a ticking clock, and sample drafts, for the desk's tests. */
import path from 'node:path';
import { createDesk, type Desk } from '../../src/editor/index.js';
import type { Review } from '../../src/schemas.js';
import { openStore, type Store } from '../../src/store/index.js';
import { failedReview, sampleReview, tempDir } from '../store/sample-review.js';

export { failedReview, sampleReview };

export interface DeskFixture {
  store: Store;
  desk: Desk;
  dbPath: string;
  /** The time the clock will give next. */
  peek(): string;
  cleanup(): void;
}

/** Each call of the clock is one second after the previous, from 2026-03-02 09:00:00Z. */
export function deskFixture(): DeskFixture {
  const temp = tempDir();
  const dbPath = path.join(temp.dir, 'panel.db');
  let tick = 0;
  const time = (n: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, n));
  const store = openStore(dbPath, { now: () => new Date('2026-03-01T10:00:05.000Z') });
  const desk = createDesk(store, { threshold: 50, now: () => time(tick++) });
  return {
    store,
    desk,
    dbPath,
    peek: () => time(tick).toISOString(),
    cleanup: () => {
      store.close();
      temp.cleanup();
    },
  };
}

/** A complete draft of another tool, so tests can tell tools apart. */
export function otherTool(id: string, name: string, overrides: Partial<Review> = {}): Review {
  const base = sampleReview();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return sampleReview({ id, tool: { ...base.tool, name, url: `https://${slug}.example/` }, ...overrides });
}

export const count = (store: Store, table: string, where = '1'): number =>
  store.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;

/** Saves drafts straight into the database at `dbPath` (as the review path would), then closes it. */
export function seedDrafts(dbPath: string, drafts: ReadonlyArray<Review | { review: Review; pageExcerpt: string }>): void {
  const store = openStore(dbPath);
  try {
    for (const draft of drafts) {
      if ('pageExcerpt' in draft) store.saveDraft(draft.review, { pageExcerpt: draft.pageExcerpt });
      else store.saveDraft(draft);
    }
  } finally {
    store.close();
  }
}

/** Runs `read` on a read-only connection to the database at `dbPath`. */
export function withStore<T>(dbPath: string, read: (store: Store) => T): T {
  const store = openStore(dbPath, { readonly: true });
  try {
    return read(store);
  } finally {
    store.close();
  }
}
