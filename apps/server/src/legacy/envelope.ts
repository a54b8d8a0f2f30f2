import { describeInputError, retryAfterSeconds, schemas } from '@chatapp/api';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/**
 * The legacy body families (contract §1.4):
 * - "message": `{success, message, data}`
 * - "error":   `{success:false, error}` (errors of the conversation/message endpoints)
 * - B' "bare": `{success:false, message}` without `data`, only for getConversation's missing fields; raised through
 *   `withLegacyRequiredTexts` below, not chosen per route.
 */
export type ErrorFamily = 'message' | 'error';

export function successBody(message: string, data: unknown) {
  return { success: true, message, data };
}

export function errorBody(family: ErrorFamily, message: string) {
  return family === 'message' ? { success: false, message, data: null } : { success: false, error: message };
}

export interface LegacyFailure {
  status: number;
  body: unknown;
  /** A rate limit's wait in seconds (the 429's Retry-After; the socket's error frame says it too). */
  retryAfter?: number;
}

/**
 * The one mapping from a procedure failure to a legacy status and body. Unauthorized is always the middleware's
 * family-A 401; conflicts were 400 in the legacy service (409 on the routes that said so: `conflictStatus`);
 * unexpected failures never leak their text.
 */
export function legacyFailure(error: unknown, family: ErrorFamily, conflictStatus = 400): LegacyFailure {
  if (error instanceof LegacyRequiredFieldError) {
    return {
      status: 400,
      body: error.bare ? { success: false, message: error.message } : errorBody(family, error.message),
    };
  }
  const trpcError =
    error instanceof TRPCError ? error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
  if (trpcError.code === 'UNAUTHORIZED') return { status: 401, body: errorBody('message', 'Unauthorized') };
  if (trpcError.code === 'INTERNAL_SERVER_ERROR') {
    return { status: 500, body: errorBody(family, 'Internal server error') };
  }
  const message =
    (trpcError.code === 'BAD_REQUEST' && describeInputError(trpcError.cause)) || trpcError.message;
  const status = trpcError.code === 'CONFLICT' ? conflictStatus : getHTTPStatusCodeFromError(trpcError);
  const retryAfter = retryAfterSeconds(trpcError);
  return { status, body: errorBody(family, message), ...(retryAfter === null ? {} : { retryAfter }) };
}

/** How a legacy view worded one missing required field, and whether it answered in family B'. */
export interface LegacyRequiredText {
  message: string;
  bare?: boolean;
}

/** A procedure's "Required" input error, reworded with the legacy view's own text for that field. */
export class LegacyRequiredFieldError extends Error {
  override name = 'LegacyRequiredFieldError';
  constructor(
    message: string,
    readonly bare: boolean,
  ) {
    super(message);
  }
}

/**
 * Runs a procedure call and rewords a missing-required-field input error with the legacy text for that field
 * (e.g. "conversation_id is required"). The procedure alone decides what is required; every other outcome passes
 * through untouched.
 */
export async function withLegacyRequiredTexts<T>(
  call: Promise<T>,
  texts: Readonly<Record<string, LegacyRequiredText>>,
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'BAD_REQUEST') {
      const field = schemas.missingFields(error.cause).find((name) => Object.hasOwn(texts, name));
      const text = field === undefined ? undefined : texts[field];
      if (text) throw new LegacyRequiredFieldError(text.message, text.bare ?? false);
    }
    throw error;
  }
}
