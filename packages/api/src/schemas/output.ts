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

/**
 * Lets tRPC pass `schema`'s answers through unvalidated: only for outputs built entirely by the typed DTO
 * functions (toConversationDto, toMessageDto and their parts), whose return types are the schema's own
 * (`z.infer`), so TypeScript already guarantees every field, its type and that no other field is there (each DTO
 * is an object literal in the schema's key order, never a spread of a wider row). What types cannot say holds by
 * construction: ids and counts come from integer columns, times from toIso, `status` from the domain's two values.
 * Validating them anyway was ~7% of a conversation list's CPU. The tests parse real list and history answers
 * with the schema and compare them byte for byte (conversations.v1, messages.v1), so a DTO drifting from its
 * schema fails there. The schema, and so the OpenAPI document, is unchanged.
 */
export function checkedByTypes<T extends z.ZodType>(schema: T): T {
  schema.parseAsync = async (data) => data as z.output<T>;
  return schema;
}
