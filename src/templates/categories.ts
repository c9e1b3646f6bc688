/**
 * The category list the profile model must choose from lives in `data/categories.json`, so
 * the site's taxonomy is edited as data. The last entry is the fallback (conventionally "Other").
 */
import { z } from 'zod';
import { readJsonFile } from '../json-file.js';

const Categories = z
  .array(z.string().trim().min(1).max(60))
  .min(1)
  // The list goes into the profile's JSON Schema as an enum: OpenAI's strict mode limits the
  // characters of an enum above 250 values, and a taxonomy that long is no longer one.
  .max(250)
  .refine((list) => new Set(list.map((name) => name.toLowerCase())).size === list.length, {
    message: 'categories must be unique',
  });

export async function loadCategories(file: string): Promise<string[]> {
  return readJsonFile(file, Categories);
}
