/**
 * The category list the profile model must choose from lives in `data/categories.json`, so
 * the site's taxonomy is edited as data. The last entry is the fallback (conventionally "Other").
 */
import { z } from 'zod';
import { readJsonFile } from '../json-file.js';

const Categories = z
  .array(z.string().trim().min(1).max(60))
  .min(1)
  .refine((list) => new Set(list.map((name) => name.toLowerCase())).size === list.length, {
    message: 'categories must be unique',
  });

export async function loadCategories(file: string): Promise<string[]> {
  return readJsonFile(file, Categories);
}
