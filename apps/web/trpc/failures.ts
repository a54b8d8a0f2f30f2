import { TRPCClientError } from '@chatapp/client';

/** The HTTP status a failed API call was answered with; undefined when no answer came. */
function httpStatusOf(error: TRPCClientError<never>): number | undefined {
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('httpStatus' in data)) return undefined;
  return typeof data.httpStatus === 'number' ? data.httpStatus : undefined;
}

/** The call never got an answer (offline, the server restarting): worth trying again, unlike a refusal. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TRPCClientError && httpStatusOf(error) === undefined;
}

/**
 * A failure that may pass by itself: no answer, too many requests, or the server unable to serve for now (its
 * database away or busy: 5xx). A 4xx refusal will be refused again.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = httpStatusOf(error);
  return status === undefined || status === 429 || status >= 500;
}
