/**
 * Tools rows: one per normalised URL, carrying the latest name and a unique page slug.
 * Runs inside the caller's transaction (saveDraft), so a failed save leaves no tool behind.
 */
import type Database from 'better-sqlite3';
import type { ToolProfile } from '../schemas.js';
import { normalizeToolUrl, slugify } from './normalize-url.js';

/** Returns `upsertTool(tool, at) → tool id`, with its statements prepared once. */
export function createToolUpsert(db: Database.Database) {
  const byUrl = db.prepare<[string], { id: number }>('SELECT id FROM tools WHERE url = ?');
  const bySlug = db.prepare<[string], { id: number }>('SELECT id FROM tools WHERE slug = ?');
  const insert = db.prepare(
    'INSERT INTO tools (url, slug, name, created_at, updated_at) VALUES (@url, @slug, @name, @at, @at)',
  );
  const update = db.prepare('UPDATE tools SET name = @name, slug = @slug, updated_at = @at WHERE id = @id');

  /** The slug for `name`, suffixed `-2`, `-3`… while a different tool holds it. */
  function availableSlug(name: string, ownId: number | undefined): string {
    const base = slugify(name);
    let candidate = base;
    for (let suffix = 2; ; suffix++) {
      const holder = bySlug.get(candidate);
      if (holder == null || holder.id === ownId) return candidate;
      candidate = `${base}-${suffix}`;
    }
  }

  /** Find the tool by normalised URL, or add it; either way it takes this review's name. */
  return function upsertTool(tool: ToolProfile, at: string): number {
    const url = normalizeToolUrl(tool.url);
    const existing = byUrl.get(url);
    const slug = availableSlug(tool.name, existing?.id);
    if (existing != null) {
      update.run({ id: existing.id, name: tool.name, slug, at });
      return existing.id;
    }
    return Number(insert.run({ url, slug, name: tool.name, at }).lastInsertRowid);
  };
}
