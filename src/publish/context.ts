/**
 * What the comparison commands read from the project's data files: the personas (for the
 * scorecard's order and the model choice), the verdict-line prompt, prices and default models.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { projectPaths, type ProjectPaths } from '../paths.js';
import { loadModelDefaults, loadPriceTable, type ModelDefaults, type PriceTable } from '../providers/index.js';
import { loadPersonas, parsePromptTemplate, type Persona, type PromptTemplate } from '../templates/index.js';
import { COMPARISON_VARIABLES } from './verdict-line.js';

export interface ComparisonContext {
  personas: Persona[];
  template: PromptTemplate;
  prices: PriceTable;
  modelDefaults: ModelDefaults;
}

/** Parses `prompts/comparison.md`'s text. Pure. */
export function parseComparisonTemplate(text: string, fileName: string): PromptTemplate {
  return parsePromptTemplate(text, fileName, { allowed: COMPARISON_VARIABLES });
}

export async function loadComparisonTemplate(dir: string = projectPaths.prompts): Promise<PromptTemplate> {
  const file = path.join(dir, 'comparison.md');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return parseComparisonTemplate(text, file);
}

export async function loadComparisonContext(paths: Partial<ProjectPaths> = {}): Promise<ComparisonContext> {
  const where = { ...projectPaths, ...paths };
  const [personas, template, prices, modelDefaults] = await Promise.all([
    loadPersonas(where.personas),
    loadComparisonTemplate(where.prompts),
    loadPriceTable(where.prices),
    loadModelDefaults(where.models),
  ]);
  return { personas, template, prices, modelDefaults };
}
