/**
 * Database failures as one line that names `PANEL_DB` and the fix, never a stack trace: a full
 * disk, a file this process may not write, a path it cannot open, a file that is not a
 * database. Every store and batch query is wrapped (`guardQueries`), so whichever command hits
 * the problem, the CLI prints the same sentence and exits 1.
 */
import { PanelError } from '../errors.js';

export type DatabaseProblem = 'full' | 'read-only' | 'read-only-directory' | 'cannot-open' | 'io' | 'corrupt';

/** A database the command cannot use as it needs to; `code` is SQLite's (`SQLITE_FULL`…). */
export class DatabaseError extends PanelError {
  constructor(
    message: string,
    readonly problem: DatabaseProblem,
    readonly code: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause, kind: 'database' });
  }
}

const sqliteCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
};

function problemOf(code: string): DatabaseProblem | undefined {
  if (code === 'SQLITE_FULL') return 'full';
  if (code === 'SQLITE_READONLY_DIRECTORY') return 'read-only-directory';
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'read-only';
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN_') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'cannot-open';
  // A full disk often shows up as a failed write rather than SQLITE_FULL.
  if (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_')) return 'io';
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') return 'corrupt';
  return undefined;
}

function sentence(problem: DatabaseProblem, file: string): string {
  const db = `the database ${file} (PANEL_DB)`;
  switch (problem) {
    case 'full':
      return `${db} is full: the disk or its quota has no room left; nothing more was written — free some space (or point PANEL_DB at a disk with room) and run the command again`;
    case 'read-only':
      return `${db} is read-only for this process, and this command writes to it: give it write access to the file and its directory (or point PANEL_DB at a writable copy); read-only commands (drafts list/show/history, publish) still work`;
    case 'read-only-directory':
      // WAL keeps its shared index in `<file>-shm`; even a reader must create it when missing.
      return `${db} is in a directory this process cannot write, and SQLite needs to create ${file}-shm beside it even to read: make the directory writable (the file itself may stay read-only)`;
    case 'cannot-open':
      return `cannot open ${db}: check that it is a file this process may read and that its directory exists`;
    case 'io':
      return `${db} could not be read or written (disk I/O error: a full or failing disk?): check the disk, then run the command again`;
    case 'corrupt':
      return `${db} is not a SQLite database or is damaged: point PANEL_DB at the right file (or restore a backup)`;
  }
}

/** The one-line error for a SQLite failure, or undefined for anything else. */
export function databaseError(error: unknown, file: string): DatabaseError | undefined {
  if (error instanceof DatabaseError) return error;
  const code = sqliteCode(error);
  const problem = code == null ? undefined : problemOf(code);
  if (code == null || problem == null) return undefined;
  return new DatabaseError(sentence(problem, file), problem, code, { cause: error });
}

export const isDatabaseError = (error: unknown): error is DatabaseError => error instanceof DatabaseError;

/** Runs `work`, turning a SQLite failure into its DatabaseError. */
export function guarded<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw databaseError(error, file) ?? error;
  }
}

/**
 * The same object with every function wrapped by `guarded`. Queries are synchronous
 * (better-sqlite3), so the wrapper sees every failure.
 */
export function guardQueries<T extends object>(queries: T, file: string): T {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(queries)) {
    wrapped[key] =
      typeof value === 'function' ? (...args: unknown[]) => guarded(file, () => (value as (...a: unknown[]) => unknown)(...args)) : value;
  }
  return wrapped as T;
}
