import { describeInputError } from '@chatapp/api';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/**
 * The legacy body families (contract §1.4):
 * - "message": `{success, message, data}`
 * - "error":   `{success:false, error}` (errors of the conversation/message endpoints)
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
}

/**
 * The one mapping from a procedure failure to a legacy status and body. Unauthorized is always the middleware's
 * family-A 401; conflicts were 400 in the legacy service; unexpected failures never leak their text.
 */
export function legacyFailure(error: unknown, family: ErrorFamily): LegacyFailure {
  const trpcError =
    error instanceof TRPCError ? error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
  if (trpcError.code === 'UNAUTHORIZED') return { status: 401, body: errorBody('message', 'Unauthorized') };
  if (trpcError.code === 'INTERNAL_SERVER_ERROR') {
    return { status: 500, body: errorBody(family, 'Internal server error') };
  }
  const message =
    (trpcError.code === 'BAD_REQUEST' && describeInputError(trpcError.cause)) || trpcError.message;
  const status = trpcError.code === 'CONFLICT' ? 400 : getHTTPStatusCodeFromError(trpcError);
  return { status, body: errorBody(family, message) };
}
