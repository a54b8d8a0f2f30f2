import { TRPCClientError } from '@trpc/client';

/** The tRPC error code of a failed call ('CONFLICT', 'TOO_MANY_REQUESTS'…), or null when it never got an answer. */
export function trpcErrorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string')
    return data.code;
  return null;
}
