/**
 * Everything the engine reads from the project's data files, loaded once per command: personas,
 * prompt templates, categories, prices and default models. Loading is IO; the rest is pure.
 */
import { projectPaths, type ProjectPaths } from '../paths.js';
import { loadModelDefaults, loadPriceTable, type ModelDefaults, type PriceTable } from '../providers/index.js';
import {
  loadCategories,
  loadPersonas,
  loadPromptTemplates,
  type Persona,
  type PromptTemplates,
} from '../templates/index.js';

export interface EngineContext {
  personas: Persona[];
  templates: PromptTemplates;
  categories: string[];
  prices: PriceTable;
  modelDefaults: ModelDefaults;
}

export async function loadEngineContext(paths: Partial<ProjectPaths> = {}): Promise<EngineContext> {
  const where = { ...projectPaths, ...paths };
  const [personas, templates, categories, prices, modelDefaults] = await Promise.all([
    loadPersonas(where.personas),
    loadPromptTemplates(where.prompts),
    loadCategories(where.categories),
    loadPriceTable(where.prices),
    loadModelDefaults(where.models),
  ]);
  return { personas, templates, categories, prices, modelDefaults };
}
