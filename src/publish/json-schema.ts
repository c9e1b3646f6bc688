/**
 * JSON Schemas of the published files, generated from the zod schemas (never written by hand),
 * so the site's build can validate what it reads with any JSON Schema validator.
 */
import { z } from 'zod';
import { Changelog, ComparisonPage, PublishIndex, PublishedReview } from './schemas.js';

/** Where each schema goes, relative to the output folder. */
export const SCHEMA_FILES = {
  index: 'schemas/index.schema.json',
  tool: 'schemas/tool.schema.json',
  comparison: 'schemas/comparison.schema.json',
  changelog: 'schemas/changelog.schema.json',
} as const;

export type SchemaKind = keyof typeof SCHEMA_FILES;

const SOURCES: Record<SchemaKind, z.ZodType> = {
  index: PublishIndex,
  tool: PublishedReview,
  comparison: ComparisonPage,
  changelog: Changelog,
};

/** The JSON Schema (draft 2020-12) of one kind of published file. */
export function publishJsonSchema(kind: SchemaKind): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(SOURCES[kind], { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
  return { $schema, $id: fileName(kind), ...rest };
}

/** Every schema, by kind. */
export function publishJsonSchemas(): Record<SchemaKind, Record<string, unknown>> {
  return { index: publishJsonSchema('index'), tool: publishJsonSchema('tool'), comparison: publishJsonSchema('comparison'), changelog: publishJsonSchema('changelog') };
}

function fileName(kind: SchemaKind): string {
  return SCHEMA_FILES[kind].slice('schemas/'.length);
}
