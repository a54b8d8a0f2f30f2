import { DomainError, type DomainErrorKind } from '@chatapp/domain';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';

/** The one mapping from domain failures to tRPC codes (and from there to HTTP statuses). */
export const TRPC_CODE_BY_KIND: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  invalid: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  too_large: 'PAYLOAD_TOO_LARGE',
  unsupported: 'UNSUPPORTED_MEDIA_TYPE',
  rate_limited: 'TOO_MANY_REQUESTS',
  unavailable: 'SERVICE_UNAVAILABLE',
  upstream_failed: 'BAD_GATEWAY',
  upstream_timeout: 'GATEWAY_TIMEOUT',
};

/** A readable one-line message for invalid input, e.g. `username: Invalid input: expected string, received number`. */
export function describeInputError(error: unknown): string | null {
  if (!(error instanceof ZodError)) return null;
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The seconds a rate-limited caller should wait (a `rate_limited` DomainError's), or null for any other error. */
export function retryAfterSeconds(error: unknown): number | null {
  const cause = error instanceof Error && !(error instanceof DomainError) ? error.cause : error;
  if (!(cause instanceof DomainError) || cause.retryAfterMs === undefined) return null;
  return Math.max(1, Math.ceil(cause.retryAfterMs / 1000));
}

/** Response headers for errors that carry a wait: `Retry-After` (the HTTP adapters' responseMeta). */
export function retryAfterHeaders(errors: readonly unknown[]): Record<string, string> | undefined {
  for (const error of errors) {
    const seconds = retryAfterSeconds(error);
    if (seconds !== null) return { 'Retry-After': String(seconds) };
  }
  return undefined;
}
