/**
 * Where the project's data files live. Resolved from this module, not the working directory,
 * so `npm run review` works from any folder and tests can point elsewhere.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const projectPaths = {
  personas: path.join(PROJECT_ROOT, 'personas'),
  prompts: path.join(PROJECT_ROOT, 'prompts'),
  models: path.join(PROJECT_ROOT, 'data', 'models.json'),
  prices: path.join(PROJECT_ROOT, 'data', 'prices.json'),
  categories: path.join(PROJECT_ROOT, 'data', 'categories.json'),
  fixtures: path.join(PROJECT_ROOT, 'fixtures'),
} as const;

export type ProjectPaths = { -readonly [K in keyof typeof projectPaths]: string };
