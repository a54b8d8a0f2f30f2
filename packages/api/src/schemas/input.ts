import { z } from 'zod';

/**
 * Input building blocks shared by the conversation and message procedures.
 *
 * Numbers go through `z.preprocess` on purpose: trpc-to-openapi switches plain `z.number()` schemas to coercion
 * in place (for every transport, once the REST handler has seen the procedure), which turns a missing value into
 * NaN and `null`/`""` into 0. A preprocess step is left alone, accepts decimal strings (path and query
 * parameters, legacy form fields) and keeps "missing" distinguishable from "wrong".
 */

/** The message of a required field that was not sent at all; legacy adapters reword it with the old texts. */
export const REQUIRED = 'Required';

const requiredError = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? REQUIRED : undefined),
};

function fromDecimalString(value: unknown): unknown {
  return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

function wholeNumber<T extends z.ZodNumber>(schema: T) {
  return z.preprocess<unknown, T, number>(fromDecimalString, schema);
}

/** A row id: a positive integer, as a JSON number or a decimal string. */
export const idInput = wholeNumber(z.number(requiredError).int().positive());

/** A message id used as a paging cursor (0 = before the first message). */
export const cursorIdInput = wholeNumber(z.number().int().nonnegative());

/** A page size between 1 and `max`. */
export function pageSizeInput(max: number, fallback: number) {
  return wholeNumber(z.number().int().min(1).max(max))
    .optional()
    .describe(`Page size, 1 to ${max} (default ${fallback})`);
}

/** A required string; a missing one reads "Required". */
export const requiredString = () => z.string(requiredError);

/** A list of ids (JSON array); a missing one reads "Required". */
export const idListInput = z.array(idInput, requiredError);

/** Top-level input fields that were missing, from a failed input validation (empty for anything else). */
export function missingFields(error: unknown): string[] {
  if (!(error instanceof z.ZodError)) return [];
  return error.issues
    .filter((issue) => issue.message === REQUIRED && issue.path.length === 1)
    .map((issue) => String(issue.path[0]));
}
