/**
 * Opening the database: the pragmas every connection needs, and the migration runner.
 * Migrations are the numbered `.sql` files in `./migrations/`, read at runtime, applied in
 * numeric order, one transaction each, and recorded in `schema_migrations`, so a new schema
 * change is a new file (`002-batch-runs.sql`) and no code.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PanelError, UsageError } from '../errors.js';
import { PROJECT_ROOT } from '../paths.js';
import { databaseError } from './db-errors.js';

/** How long a connection waits for another one's write lock before failing (`SQLITE_BUSY`). */
export const BUSY_TIMEOUT_MS = 5000;

// From the project root, not this module: the compiled `dist/store/` has no `.sql` files.
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'src', 'store', 'migrations');

/** The database's schema is older than this engine's: a read-only connection cannot migrate it. */
export class SchemaBehindError extends PanelError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, kind: 'schema-behind' });
  }
}

export interface Migration {
  version: number;
  /** The file name, recorded with the version so a reader of the table knows what ran. */
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d+)-[a-z0-9_-]+\.sql$/i;

/** The migrations in `dir`, in numeric order (`10-…` after `9-…`). Other files are ignored. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = fs.readdirSync(dir).flatMap((file) => {
    const match = MIGRATION_FILE.exec(file);
    if (match == null) return [];
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return [{ version: Number(match[1]), name: file, sql }];
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    // Two files with one number (a merge of two branches) would apply in an arbitrary order.
    if (index > 0 && migrations[index - 1]?.version === migration.version) {
      throw new PanelError(`two migrations share version ${migration.version} in ${dir}`);
    }
  });
  return migrations;
}

/** `PANEL_DB`'s default: the one path whose directory is created when missing. */
export const DEFAULT_DB_PATH = 'data/panel.db';

export interface OpenDatabaseOptions {
  readonly?: boolean;
  /**
   * Create the file's directory when it is missing. Only for the default `data/`: a
   * `PANEL_DB` pointing into a directory that does not exist is a typo, refused (exit 2).
   */
  createDirectory?: boolean;
  /** Defaults to the files in `./migrations/`; tests pass their own. */
  migrations?: Migration[];
}

/** A missing directory is bad input; the default `data/` is created (see OpenDatabaseOptions). */
function ensureDirectory(file: string, create: boolean): void {
  const dir = path.dirname(path.resolve(file));
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new UsageError(`PANEL_DB is ${file}, but ${dir} is not a directory: point PANEL_DB at a file in an existing directory`);
    return;
  }
  if (!create) {
    throw new UsageError(`PANEL_DB is ${file}, but the directory ${dir} does not exist: create it first, or point PANEL_DB at a file in an existing directory`);
  }
  fs.mkdirSync(dir, { recursive: true });
}

/**
 * Open (creating the file if needed) and migrate. `':memory:'` gives a private in-memory
 * database. Read-only connections never write, so they do not migrate: they refuse a database
 * whose schema is not the one this code knows. A SQLite failure is a one-line DatabaseError.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const readonly = options.readonly ?? false;
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) ensureDirectory(file, (options.createDirectory ?? false) && !readonly);
  if (readonly && !inMemory && !fs.existsSync(file)) {
    throw new UsageError(`PANEL_DB is ${file}, which does not exist yet: nothing to read (a command that writes creates it)`);
  }

  let db: Database.Database;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    const known = databaseError(error, file);
    if (known) throw known;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PanelError(`cannot open the database ${file} (PANEL_DB): ${reason}`, { cause: error });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    const migrations = options.migrations ?? readMigrations();
    if (readonly) {
      checkVersion(db, file, migrations, true);
    } else {
      if (!inMemory) {
        // WAL lets the editor's page read while a batch writes; NORMAL is durable enough in
        // WAL mode (a power cut can lose the last commits, never corrupt the file).
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      migrate(db, migrations, file);
    }
    return db;
  } catch (error) {
    db.close();
    throw databaseError(error, file) ?? error;
  }
}

/** Apply the migrations not yet recorded, in order. Safe to run from two processes at once. */
export function migrate(db: Database.Database, migrations: Migration[], label = 'database'): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  checkVersion(db, label, migrations, false);
  const isApplied = db.prepare<[number], { version: number }>(
    'SELECT version FROM schema_migrations WHERE version = ?',
  );
  const record = db.prepare<[number, string, string]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const pending = migrations.filter((migration) => isApplied.get(migration.version) == null);
  if (pending.length === 0) return;

  // SQLite's way to change a table is to rebuild it, which needs foreign keys off (and the
  // pragma is a no-op inside a transaction); they are checked before each file commits instead.
  db.pragma('foreign_keys = OFF');
  try {
    for (const migration of pending) {
      const apply = db.transaction(() => {
        // Another process may have applied it while this one waited for the write lock.
        if (isApplied.get(migration.version) != null) return;
        try {
          db.exec(migration.sql);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new PanelError(`migration ${migration.name} failed: ${reason}`, { cause: error });
        }
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) {
          throw new PanelError(`migration ${migration.name} leaves ${broken.length} broken foreign keys`);
        }
        record.run(migration.version, migration.name, new Date().toISOString());
      });
      // IMMEDIATE takes the write lock before the check above, so two processes cannot both
      // decide to apply the same file.
      apply.immediate();
    }
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/** The highest applied migration, 0 for a database never migrated. */
export function schemaVersion(db: Database.Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (table == null) return 0;
  const row = db
    .prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_migrations')
    .get();
  return row?.version ?? 0;
}

function checkVersion(
  db: Database.Database,
  label: string,
  migrations: Migration[],
  mustBeCurrent: boolean,
): void {
  const current = schemaVersion(db);
  const known = migrations.at(-1)?.version ?? 0;
  // Older code must not write to a schema it does not know.
  if (current > known) {
    throw new PanelError(
      `${label} has schema version ${current}, newer than this engine's ${known}: update the engine`,
    );
  }
  if (mustBeCurrent && current < known) {
    throw new SchemaBehindError(
      `${label} has schema version ${current}, this engine needs ${known}: open it read-write once to migrate`,
    );
  }
}
