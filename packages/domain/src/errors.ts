/**
 * Domain failures, independent of any transport. The API layer maps each kind to a tRPC code in one place; the
 * legacy adapters map those codes to the old status codes and envelopes.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported'
  /** Too many requests in a short time (a per-user rate limit). */
  | 'rate_limited'
  /** A feature that needs configuration the process was started without. */
  | 'unavailable'
  /** An upstream service (the assistant's model server) failed or answered nonsense. */
  | 'upstream_failed'
  /** An upstream service did not answer in time. */
  | 'upstream_timeout';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** For `rate_limited`: how long until the request would be allowed (the transports' Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new DomainError('invalid', message);
export const unauthorized = (message = 'Unauthorized') => new DomainError('unauthorized', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string) => new DomainError('conflict', message);
