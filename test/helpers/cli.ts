/** Runs CLI commands in-process with captured output, and sets up a simulator-backed env. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    interactive: false,
  };
  const code = await runCli(argv, io, env);
  return { code, stdout, stderr };
}

export function tempDbPath(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'panel-test-')), 'panel.db');
}

/** An env with no real keys: tests never reach a real provider. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    PANEL_DB: tempDbPath(),
    // The demo's own database: a test never writes data/demo.db.
    PANEL_DEMO_DB: tempDbPath(),
    PANEL_MAX_RETRIES: '2',
    PANEL_RETRY_AFTER_CAP_MS: '200',
    PANEL_CALL_TIMEOUT_MS: '5000',
    ...extra,
  };
}
