import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PanelError } from '../../src/errors.js';
import { MIGRATIONS_DIR, openDatabase, readMigrations, schemaVersion } from '../../src/store/db.js';
import { openStore } from '../../src/store/index.js';
import { sampleReview, tempDir } from './sample-review.js';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.cleanup());

const tables = (store: ReturnType<typeof openStore>) =>
  store.db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name);

/** A migrations dir holding the real ones plus `extra` files. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = path.join(temp.dir, 'migrations');
  fs.mkdirSync(dir);
  for (const name of fs.readdirSync(MIGRATIONS_DIR).filter((each) => each.endsWith('.sql'))) {
    fs.copyFileSync(path.join(MIGRATIONS_DIR, name), path.join(dir, name));
  }
  for (const [name, sql] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

/** The engine's own migrations: tests follow them as later issues add files. */
const REAL = readMigrations(MIGRATIONS_DIR);
const LATEST = REAL[REAL.length - 1]?.version ?? 0;

describe('migrations', () => {
  it('apply on a fresh database and record the version; a missing directory is bad input, not created', () => {
    const missing = path.join(temp.dir, 'nested', 'dir', 'panel.db');
    expect(() => openStore(missing)).toThrow(/PANEL_DB is .*nested\/dir\/panel\.db, but the directory .* does not exist: create it first/);
    expect(fs.existsSync(path.join(temp.dir, 'nested'))).toBe(false);
    const file = path.join(temp.dir, 'panel.db');
    const store = openStore(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(tables(store)).toEqual(
      expect.arrayContaining(['audit_log', 'persona_reviews', 'reviews', 'schema_migrations', 'tools']),
    );
    const applied = store.db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(applied).toEqual(REAL.map(({ version, name }) => ({ version, name })));
    expect(applied[0]).toEqual({ version: 1, name: '001-init.sql' });
    expect(schemaVersion(store.db)).toBe(LATEST);
    store.close();
  });

  it('are idempotent on reopen, keeping data', () => {
    const file = path.join(temp.dir, 'panel.db');
    const first = openStore(file);
    first.saveDraft(sampleReview());
    const before = first.db.prepare('SELECT * FROM schema_migrations').all();
    first.close();

    const second = openStore(file);
    expect(second.db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);
    expect(second.getReview(sampleReview().id)).toEqual(sampleReview());
    second.close();
  });

  it('turn on WAL, foreign keys and the busy timeout', () => {
    const store = openStore(path.join(temp.dir, 'panel.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO persona_reviews (review_id, persona, revision, position, source, author,
             created_at, status, error, original_json)
           VALUES ('missing', 'builder', 1, 0, 'model', 'engine', 'now', 'failed', 'x', '{}')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });

  it('work in memory', () => {
    const store = openStore(':memory:');
    store.saveDraft(sampleReview());
    expect(store.listReviews()).toHaveLength(1);
    store.close();
  });

  it('apply a later file in numeric order, and refuse a database newer than the code', () => {
    const dir = migrationsWith({
      '900-notes.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY, review_id TEXT REFERENCES reviews (id));',
      'README.md': 'not a migration',
    });
    const file = path.join(temp.dir, 'panel.db');
    openStore(file).close(); // at the engine's version, as the current engine leaves it
    const db = openDatabase(file, { migrations: readMigrations(dir) });
    expect(schemaVersion(db)).toBe(900);
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
      ...REAL.map((migration) => migration.name),
      '900-notes.sql',
    ]);
    db.close();
    expect(() => openStore(file)).toThrow(new RegExp(`schema version 900, newer than this engine's ${LATEST}`));
  });

  it('roll back a failing file completely', () => {
    const dir = migrationsWith({
      '900-broken.sql': 'CREATE TABLE half (id INTEGER);\nCREATE TABLE oops (;',
    });
    const file = path.join(temp.dir, 'panel.db');
    expect(() => openDatabase(file, { migrations: readMigrations(dir) })).toThrow(
      /migration 900-broken.sql failed/,
    );
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuse a file that leaves broken foreign keys', () => {
    const dir = migrationsWith({
      '900-orphan.sql': `INSERT INTO audit_log (review_id, at, actor, action) VALUES ('nope', 'now', 'x', 'y');`,
    });
    expect(() => openDatabase(path.join(temp.dir, 'panel.db'), { migrations: readMigrations(dir) })).toThrow(
      /broken foreign keys/,
    );
  });

  it('are read in numeric order and must not share a number', () => {
    const dir = path.join(temp.dir, 'numbers');
    fs.mkdirSync(dir);
    for (const name of ['10-ten.sql', '2-two.sql', '001-one.sql']) fs.writeFileSync(path.join(dir, name), '');
    expect(readMigrations(dir).map((migration) => migration.version)).toEqual([1, 2, 10]);
    fs.writeFileSync(path.join(dir, '02-again.sql'), '');
    expect(() => readMigrations(dir)).toThrow(/two migrations share version 2/);
  });
});

describe('read-only stores', () => {
  it('read a migrated database and refuse to save', () => {
    const file = path.join(temp.dir, 'panel.db');
    const writer = openStore(file);
    writer.saveDraft(sampleReview());
    writer.close();
    const reader = openStore(file, { readonly: true });
    expect(reader.getReview(sampleReview().id)).toEqual(sampleReview());
    expect(() => reader.saveDraft(sampleReview({ id: 'other' }))).toThrow(/read-only/);
    reader.close();
  });

  it('refuse a missing file with a one-line error', () => {
    expect(() => openStore(path.join(temp.dir, 'missing.db'), { readonly: true })).toThrow(PanelError);
  });
});

describe('append-only history', () => {
  it('rejects updates and deletes of the audit log and persona rows', () => {
    const store = openStore(':memory:');
    store.saveDraft(sampleReview());
    expect(() => store.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => store.db.prepare('UPDATE persona_reviews SET score = 1').run()).toThrow(/append-only/);
    store.close();
  });
});
