/**
 * Which model grounds a review: `PANEL_GROUNDING_MODEL` when set (it must work as given), else
 * the small model of the profile model's provider from data/grounding-models.json, else of the
 * first provider with a key.
 */
import path from 'node:path';
import { z } from 'zod';
import { PROVIDERS, availableProviders, type Config } from '../config.js';
import { UsageError } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { PROJECT_ROOT } from '../paths.js';
import { parseModelSpec } from '../providers/index.js';

export const GROUNDING_MODELS_FILE = path.join(PROJECT_ROOT, 'data', 'grounding-models.json');

const GroundingModels = z.object({ defaults: z.record(z.enum(PROVIDERS), z.string().min(1)) });

let defaults: Promise<z.infer<typeof GroundingModels>> | undefined;

export async function chooseGroundingModel(
  config: Pick<Config, 'providers' | 'groundingModel'>,
  profileModel: string,
  file: string = GROUNDING_MODELS_FILE,
): Promise<string> {
  const available = availableProviders(config as Config);
  if (config.groundingModel) {
    const { provider } = parseModelSpec(config.groundingModel, 'PANEL_GROUNDING_MODEL');
    if (!available.includes(provider)) {
      throw new UsageError(`PANEL_GROUNDING_MODEL ${config.groundingModel} needs ${config.providers[provider].keyVariable}, which is not set`);
    }
    return config.groundingModel;
  }
  if (file === GROUNDING_MODELS_FILE) defaults ??= readJsonFile(file, GroundingModels);
  const table = file === GROUNDING_MODELS_FILE && defaults ? await defaults : await readJsonFile(file, GroundingModels);
  const { provider } = parseModelSpec(profileModel);
  const chosen = [provider, ...available].find((name) => table.defaults[name] != null && (name === provider || available.includes(name)));
  return chosen ? `${chosen}:${table.defaults[chosen]}` : profileModel;
}
