/**
 * What every benchmark shares: a configuration pointing all three providers at a simulator
 * (built from a minimal environment, so real keys or PANEL_MODEL in the shell never leak in),
 * and scratch directories that are removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config.js';

export interface BaseUrls {
  openai: string;
  anthropic: string;
  google: string;
}

/** The environment a benchmark's review or batch runs with. */
export function benchEnv(baseUrls: BaseUrls, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: baseUrls.openai,
    ANTHROPIC_API_KEY: 'bench',
    ANTHROPIC_BASE_URL: baseUrls.anthropic,
    GEMINI_API_KEY: 'bench',
    GOOGLE_GEMINI_BASE_URL: baseUrls.google,
    PANEL_ALLOW_PRIVATE_URLS: '1',
    ...extra,
  };
}

export function benchConfig(baseUrls: BaseUrls, extra: Record<string, string> = {}): Readonly<Config> {
  return loadConfig(benchEnv(baseUrls, extra));
}

export function scratchDir(label: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `panel-bench-${label}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
