/**
 * Two processes writing to one WAL database at once (a batch and the editor's page, say):
 * nothing is lost, nothing is written twice, the file stays sound, and the audit log has one
 * row per change.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../store/sample-review.js';

const WRITER = path.join(PROJECT_ROOT, 'test', 'editor', 'fixtures', 'desk-writer.ts');
const PER_WORKER = 60;
const TOOLS = 5;

interface Done {
  saved: number;
  edited: number;
  approved: number;
  rejected: number;
  startedAt: number;
  finishedAt: number;
}

function runWriter(dbPath: string, worker: string, readyDir: string): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dbPath, worker, String(PER_WORKER), readyDir], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as Done);
      else reject(new Error(`${worker} exited ${code}: ${stderr}`));
    });
  });
}

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.cleanup());

describe('two processes writing at once', () => {
  it('lose nothing, write nothing twice, keep the file sound and audit every change', async () => {
    const dbPath = path.join(temp.dir, 'panel.db');
    openStore(dbPath).close(); // migrated once, in WAL mode, before the writers start
    const readyDir = path.join(temp.dir, 'ready');
    fs.mkdirSync(readyDir);

    const [first, second] = await Promise.all([runWriter(dbPath, 'ann', readyDir), runWriter(dbPath, 'bob', readyDir)]);
    const approvals = PER_WORKER - Math.ceil(PER_WORKER / 3);
    for (const { startedAt, finishedAt, ...done } of [first, second]) {
      expect(done).toEqual({ saved: PER_WORKER, edited: PER_WORKER, approved: approvals, rejected: Math.ceil(PER_WORKER / 3) });
      expect(finishedAt).toBeGreaterThan(startedAt);
    }
    // Their writing times overlap: each started before the other finished.
    expect(first.startedAt).toBeLessThan(second.finishedAt);
    expect(second.startedAt).toBeLessThan(first.finishedAt);

    const db = new Database(dbPath, { readonly: true });
    try {
      const value = (sql: string) => db.prepare(sql).pluck().get();
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(value('PRAGMA integrity_check')).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);

      const total = 2 * PER_WORKER;
      expect(value('SELECT count(*) FROM reviews')).toBe(total);
      expect(value('SELECT count(DISTINCT id) FROM reviews')).toBe(total);
      expect(value('SELECT count(*) FROM tools')).toBe(TOOLS);
      // Four engine answers and one edit per review, each exactly once.
      expect(value("SELECT count(*) FROM persona_reviews WHERE revision = 1 AND source = 'model'")).toBe(4 * total);
      expect(value("SELECT count(*) FROM persona_reviews WHERE revision = 2 AND source = 'editor' AND persona = 'skeptic'")).toBe(total);
      expect(value('SELECT count(*) FROM persona_reviews')).toBe(5 * total);

      // One published review per tool; every other approval was superseded by a later one.
      const allApprovals = 2 * approvals;
      expect(value("SELECT count(*) FROM reviews WHERE status = 'approved'")).toBe(TOOLS);
      expect(value("SELECT count(*) FROM reviews WHERE status = 'superseded'")).toBe(allApprovals - TOOLS);
      expect(value("SELECT count(*) FROM reviews WHERE status = 'rejected'")).toBe(2 * Math.ceil(PER_WORKER / 3));
      expect(value("SELECT count(*) FROM reviews WHERE status IN ('approved', 'superseded') AND approved_by IS NULL")).toBe(0);
      expect(value("SELECT count(*) FROM reviews WHERE status = 'superseded' AND superseded_by IS NULL")).toBe(0);

      // The audit log: one row per change, by the process that made it.
      const actions = Object.fromEntries(
        (db.prepare('SELECT action, count(*) AS n FROM audit_log GROUP BY action').all() as Array<{ action: string; n: number }>).map((row) => [row.action, row.n]),
      );
      expect(actions).toEqual({
        'created draft': total,
        edited: total,
        approved: allApprovals,
        rejected: 2 * Math.ceil(PER_WORKER / 3),
        superseded: allApprovals - TOOLS,
      });
      expect(value("SELECT count(*) FROM audit_log a JOIN reviews r ON r.id = a.review_id WHERE a.action = 'edited' AND a.actor <> substr(r.id, 1, 3)")).toBe(0);
      // The two really wrote at the same time: their changes interleave in the log.
      const actors = db.prepare("SELECT actor FROM audit_log WHERE actor <> 'engine' ORDER BY id").pluck().all();
      expect(actors.filter((actor, index) => index > 0 && actor !== actors[index - 1]).length).toBeGreaterThan(0);
      // Each review's panel agrees with its current answers (the edit was applied once).
      expect(value("SELECT count(*) FROM reviews WHERE complete <> 1 OR ship_count + skip_count <> 4")).toBe(0);
    } finally {
      db.close();
    }
  });
});
