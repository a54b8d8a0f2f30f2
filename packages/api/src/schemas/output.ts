import type { z } from 'zod';

/**
 * Makes tRPC's output validation of `schema` take zod's synchronous path. tRPC validates every answer with
 * `parseAsync`, and zod 4 only uses its compiled object parsers in `parse`: the async path walks every field
 * generically, ~6× the CPU (a list of 24 conversations: ~235 µs instead of ~38 µs; 100 messages: ~220 µs instead
 * of ~55 µs). Output schemas have no async refinements, so the result and the errors are the same; the schema
 * itself, and so the OpenAPI document, is unchanged.
 */
export function validatedSynchronously<T extends z.ZodType>(schema: T): T {
  schema.parseAsync = async (data, params) => schema.parse(data, params);
  return schema;
}
