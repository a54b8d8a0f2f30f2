/**
 * Examples for the v1 operations, drawn from their own schemas: a schema's `example`/`examples` (from zod
 * `.meta()`) when it has one, otherwise a value built from its type, format and bounds. Built from the schema, an
 * example cannot disagree with it; hand-written ones would drift with every field added.
 */
type Schema = Record<string, unknown>;
type Components = Record<string, Schema>;

const MAX_DEPTH = 8;

function sampleString(schema: Schema): string {
  switch (schema.format) {
    case 'date-time':
      return '2026-11-24T11:10:55.407Z';
    case 'email':
      return 'ada@example.com';
    case 'uri':
      return 'https://chat.example.com/media/ImgMessages/3f2a.jpg';
  }
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : '';
  if (pattern.includes('\\d') || pattern.includes('[0-9]')) return '42';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  return 'text'.padEnd(Math.max(min, 4), 'x');
}

function sampleNumber(schema: Schema): number {
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exclusive = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
  return Math.max(min ?? 1, exclusive ?? 1);
}

export function sampleOf(schema: Schema, components: Components, depth = 0): unknown {
  if (depth > MAX_DEPTH) return null;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = components[ref.replace('#/components/schemas/', '')];
    return target ? sampleOf(target, components, depth + 1) : null;
  }
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const options = schema[key];
    if (!Array.isArray(options)) continue;
    if (key === 'allOf') {
      return Object.assign({}, ...options.map((option) => sampleOf(option as Schema, components, depth + 1)));
    }
    // The first option that is not null: an example should show the value, not its absence.
    const chosen = (options as Schema[]).find((option) => option.type !== 'null') ?? options[0];
    return sampleOf(chosen as Schema, components, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([name, inner]) => [name, sampleOf(inner, components, depth + 1)]),
      );
    }
    case 'array':
      return schema.items ? [sampleOf(schema.items as Schema, components, depth + 1)] : [];
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return null;
  }
}

interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: unknown;
}

/** Gives every JSON request body and 2xx JSON answer of an operation an example, unless it has one. */
export function addExamples(operation: Record<string, unknown>, components: Components): void {
  const bodies: Array<Record<string, MediaType> | undefined> = [
    (operation.requestBody as { content?: Record<string, MediaType> } | undefined)?.content,
    ...Object.entries((operation.responses ?? {}) as Record<string, { content?: Record<string, MediaType> }>)
      .filter(([status]) => status.startsWith('2'))
      .map(([, response]) => response.content),
  ];
  for (const content of bodies) {
    const media = content?.['application/json'];
    if (!media?.schema || media.example !== undefined || media.examples !== undefined) continue;
    media.example = sampleOf(media.schema, components);
  }
}
