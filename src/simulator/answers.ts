/**
 * A deterministic answer generator driven by the request's JSON Schema. Seeded by the prompt
 * text, so the same prompt always gets the same answer; domain touches (persona verdicts, tool
 * profiles) come from `domain.ts` as overrides the generic walk fits into the schema.
 */
import { domainOverrides } from './domain.js';
import { groundingAnswer } from './grounding.js';
import { hashText, integerBetween, pick, seededRandom, type Random } from './random.js';
import type { AnswerTuning } from './persona-tuning.js';
import { isRecord, type JsonSchema, type SimulatedAnswer } from './types.js';

interface Walk {
  root: JsonSchema;
  random: Random;
}

const WORDS = ['steady', 'practical', 'promising', 'focused', 'useful', 'clear', 'modest'];
const MAX_DEPTH = 12;

/** `tuning` (a seeded persona bias, issue 14) shapes persona answers; absent, the prompt alone decides. */
export function generateAnswer(schema: JsonSchema | undefined, promptText: string, tuning?: AnswerTuning): SimulatedAnswer {
  const random = seededRandom(hashText(promptText));
  if (schema === undefined) {
    return { text: `(simulated) A plain-text answer from the simulator (${pick(random, WORDS)}).` };
  }
  // The grounding prompts are answered from the text they carry, not from the schema walk.
  const grounded = groundingAnswer(resolve(schema, schema), promptText);
  if (grounded !== undefined) return { text: JSON.stringify(grounded), value: grounded };
  const walk: Walk = { root: schema, random };
  const overrides = domainOverrides(resolve(schema, schema), promptText, random, tuning);
  const value = generateValue(walk, schema, 'answer', 0, overrides);
  return { text: JSON.stringify(value), value };
}

/** Schema-shaped but wrong: what a careless model returns, so the client's re-ask path runs. */
export function generateInvalidAnswer(schema: JsonSchema | undefined, promptText: string): SimulatedAnswer {
  const valid = generateAnswer(schema, promptText).value;
  if (!isRecord(valid) || schema === undefined) return { text: '42', value: 42 };
  const broken: Record<string, unknown> = { ...valid };
  const properties = propertiesOf(resolve(schema, schema));
  if (typeof broken.score === 'number' && 'verdict' in broken) {
    // Alternate between the two mistakes the panel must catch: out of range, and disagreement.
    if (hashText(promptText) % 2 === 0) broken.score = 150;
    else Object.assign(broken, { score: 20, verdict: 'ship' });
    return { text: JSON.stringify(broken), value: broken };
  }
  const entries = Object.entries(properties).filter(([, property]) => isRecord(property));
  const bounded = entries.find(([, property]) => typeof (property as JsonSchema).maximum === 'number');
  const enumerated = entries.find(([, property]) => Array.isArray((property as JsonSchema).enum));
  if (bounded) broken[bounded[0]] = ((bounded[1] as JsonSchema).maximum as number) + 50;
  else if (enumerated) broken[enumerated[0]] = 'not-an-allowed-value';
  else {
    const [first] = Object.keys(broken);
    if (first === undefined) return { text: '"not an object"', value: 'not an object' };
    delete broken[first];
  }
  return { text: JSON.stringify(broken), value: broken };
}

/** A truncated answer (`{"score": 7`): valid envelope, unparsable text. */
export function generateMalformedAnswer(schema: JsonSchema | undefined, promptText: string): SimulatedAnswer {
  const full = generateAnswer(schema, promptText).text;
  let text = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
  while (text.length > 0 && parses(text)) text = text.slice(0, -1);
  return { text: text.length > 0 ? text : '{' };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function generateValue(walk: Walk, raw: unknown, key: string, depth: number, override: unknown): unknown {
  if (!isRecord(raw)) return fitString(walk, `(simulated) ${humanize(key)}`, {});
  const schema = resolve(walk.root, raw);
  if (depth > MAX_DEPTH) return null;
  if ('const' in schema) return schema.const;
  const options = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(options) && options.length > 0) {
    if (override === null && options.some((option) => typesOf(walk, option).includes('null'))) return null;
    const chosen = options.find((option) => !typesOf(walk, option).every((type) => type === 'null'));
    return generateValue(walk, chosen ?? options[0], key, depth + 1, override);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return override !== undefined && schema.enum.includes(override) ? override : pick(walk.random, schema.enum);
  }
  const types = typesOf(walk, schema);
  if (override === null && (types.includes('null') || schema.nullable === true)) return null;
  const type = types.find((candidate) => candidate !== 'null');
  switch (type) {
    case undefined:
      return null;
    case 'object':
      return generateObject(walk, schema, depth, isRecord(override) ? override : {});
    case 'array':
      return generateArray(walk, schema, key, depth);
    case 'integer':
    case 'number':
      return typeof override === 'number' ? clampNumber(schema, override, type) : generateNumber(walk, schema, type);
    case 'boolean':
      return typeof override === 'boolean' ? override : walk.random() < 0.5;
    default:
      return fitString(walk, typeof override === 'string' ? override : generateString(walk, schema, key), schema);
  }
}

function generateObject(walk: Walk, schema: JsonSchema, depth: number, overrides: Record<string, unknown>): unknown {
  const result: Record<string, unknown> = {};
  // Strict structured output requires every property, so fill them all, not just `required`.
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    result[name] = generateValue(walk, property, name, depth + 1, overrides[name]);
  }
  return result;
}

function generateArray(walk: Walk, schema: JsonSchema, key: string, depth: number): unknown[] {
  const minItems = numberOr(schema.minItems, 1);
  const maxItems = numberOr(schema.maxItems, Math.max(minItems, 3));
  const count = Math.min(maxItems, Math.max(minItems, 2));
  return Array.from({ length: count }, () => generateValue(walk, schema.items, singular(key), depth + 1, undefined));
}

function generateNumber(walk: Walk, schema: JsonSchema, type: 'integer' | 'number'): number {
  const { low, high } = bounds(schema, type);
  if (type === 'integer') return integerBetween(walk.random, Math.ceil(low), Math.floor(high));
  return Math.round((low + walk.random() * (high - low)) * 100) / 100;
}

function clampNumber(schema: JsonSchema, value: number, type: 'integer' | 'number'): number {
  const { low, high } = bounds(schema, type);
  const clamped = Math.min(high, Math.max(low, value));
  return type === 'integer' ? Math.round(clamped) : clamped;
}

function bounds(schema: JsonSchema, type: 'integer' | 'number'): { low: number; high: number } {
  const step = type === 'integer' ? 1 : 0.01;
  const exclusiveLow = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + step : undefined;
  const exclusiveHigh = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - step : undefined;
  const low = numberOr(schema.minimum, exclusiveLow ?? 0);
  const high = numberOr(schema.maximum, exclusiveHigh ?? low + 100);
  return { low, high: Math.max(low, high) };
}

function generateString(walk: Walk, schema: JsonSchema, key: string): string {
  const format = typeof schema.format === 'string' ? schema.format : '';
  if (format === 'date-time') return '2026-01-01T00:00:00.000Z';
  if (format === 'date') return '2026-01-01';
  if (format === 'email') return 'simulated@example.com';
  if (format === 'uri' || format === 'url' || /url|link|homepage/i.test(key)) return 'https://example.com/simulated';
  return `(simulated) ${humanize(key)}, ${pick(walk.random, WORDS)} and ${pick(walk.random, WORDS)}`;
}

function fitString(walk: Walk, text: string, schema: JsonSchema): string {
  const minLength = numberOr(schema.minLength, 0);
  const maxLength = numberOr(schema.maxLength, Number.POSITIVE_INFINITY);
  let fitted = text;
  while (fitted.length < minLength) fitted += ` ${pick(walk.random, WORDS)}`;
  if (fitted.length > maxLength) {
    const cut = fitted.slice(0, maxLength);
    fitted = cut.trimEnd().length >= minLength ? cut.trimEnd() : cut;
  }
  return fitted;
}

/** Follows local `$ref`s and merges `allOf`, so the walk sees one plain schema. */
function resolve(root: JsonSchema, schema: JsonSchema, seen = 0): JsonSchema {
  if (typeof schema.$ref === 'string' && seen < MAX_DEPTH) {
    const target = schema.$ref
      .replace(/^#\/?/, '')
      .split('/')
      .filter((part) => part.length > 0)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), root);
    const { $ref: _ref, ...rest } = schema;
    return isRecord(target) ? resolve(root, { ...target, ...rest }, seen + 1) : rest;
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.filter(isRecord).map((part) => resolve(root, part, seen + 1));
    const { allOf: _allOf, ...rest } = schema;
    const properties = Object.assign({}, ...parts.map(propertiesOf), propertiesOf(rest)) as JsonSchema;
    return { ...Object.assign({}, ...parts), ...rest, properties };
  }
  return schema;
}

/** Lower-cased type names; Gemini's OpenAPI schemas say `OBJECT`, `STRING`, and `nullable`. */
function typesOf(walk: Walk, raw: unknown): string[] {
  if (!isRecord(raw)) return ['string'];
  const schema = resolve(walk.root, raw);
  const declared = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const types = declared.filter((type): type is string => typeof type === 'string').map((type) => type.toLowerCase());
  if (schema.nullable === true) types.push('null');
  if (types.length > 0) return types;
  if (isRecord(schema.properties)) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return ['string'];
}

export function propertiesOf(schema: JsonSchema): Record<string, unknown> {
  return isRecord(schema.properties) ? schema.properties : {};
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function humanize(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
}

function singular(key: string): string {
  return key.endsWith('s') && key.length > 1 ? key.slice(0, -1) : key;
}
