import { z } from 'zod';

type Json = unknown;

/** Named schemas shared by the document's payloads (zod `.meta({ id })` schemas: Message, MessageSender, …). */
export type SharedSchemas = Record<string, Json>;

const COMPONENTS = '#/components/schemas/';

function rewriteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, Json> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/definitions/')
        ? COMPONENTS + inner.slice('#/definitions/'.length)
        : rewriteRefs(inner);
  }
  return out;
}

/**
 * A zod schema as an AsyncAPI payload: JSON Schema draft 7 (what AsyncAPI 3's schema object extends), named
 * sub-schemas moved to `components.schemas` so that every payload refers to one copy. `io` picks what a client
 * may send (`input`: defaults optional) or what it receives (`output`).
 */
export function payloadSchema(schema: z.ZodType, io: 'input' | 'output', shared: SharedSchemas): Json {
  const generated = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<
    string,
    Json
  >;
  const { $schema: _dialect, definitions, ...payload } = generated;
  for (const [name, definition] of Object.entries((definitions ?? {}) as Record<string, Json>)) {
    shared[name] = rewriteRefs(definition);
  }
  return rewriteRefs(payload);
}
