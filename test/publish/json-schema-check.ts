/**
 * A small JSON Schema (2020-12) checker for the keywords our generated schemas use, so the
 * tests can check published files against the schema files the site will use (no validator
 * library is installed). Returns the problems found; an unknown keyword is a problem too, so
 * a schema that grows a keyword this checker ignores cannot pass silently.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties',
  'items', 'prefixItems', 'minItems', 'maxItems', 'enum', 'const', 'anyOf', 'pattern', 'minimum', 'maximum',
  'minLength', 'maxLength', 'propertyNames', 'exclusiveMinimum', 'exclusiveMaximum',
]);

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

export function checkJsonSchema(schema: Schema, value: unknown, at = '$'): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) problems.push(`${at}: schema keyword "${key}" not understood by the checker`);
  const types = schema.type == null ? [] : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  const actual = typeOf(value);
  if (types.length > 0 && !types.some((type) => type === actual || (type === 'number' && actual === 'integer'))) {
    return [...problems, `${at}: ${actual} is not ${types.join('|')}`];
  }
  if ('const' in schema && value !== schema.const) problems.push(`${at}: not the constant ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (Array.isArray(schema.anyOf)) {
    const fits = (schema.anyOf as Schema[]).some((option) => checkJsonSchema(option, value, at).length === 0);
    if (!fits) problems.push(`${at}: matches no anyOf option`);
  }
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${at}: "${value}" does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${at}: more than ${schema.maxItems} items`);
    const prefix = (schema.prefixItems as Schema[] | undefined) ?? [];
    value.forEach((item, index) => {
      const itemSchema = prefix[index] ?? (schema.items as Schema | false | undefined);
      if (itemSchema === false) problems.push(`${at}[${index}]: no item allowed here`);
      else if (itemSchema) problems.push(...checkJsonSchema(itemSchema, item, `${at}[${index}]`));
    });
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in record)) problems.push(`${at}.${name}: required`);
    for (const [name, item] of Object.entries(record)) {
      if (properties[name]) problems.push(...checkJsonSchema(properties[name], item, `${at}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${name}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...checkJsonSchema(schema.additionalProperties as Schema, item, `${at}.${name}`));
    }
  }
  return problems;
}
