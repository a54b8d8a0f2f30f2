import { type StorageFault, storageFault } from '@chatapp/db';

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

/** What a client is told for each storage fault (and how soon to retry): the change, if any, was not saved. */
const STORAGE_FAULTS: Record<StorageFault, { message: string; retryAfterMs: number }> = {
  unreachable: { message: 'The database is unavailable; try again shortly', retryAfterMs: 5_000 },
  full: { message: "The server's storage is full; nothing was saved, try again later", retryAfterMs: 60_000 },
  read_only: {
    message: "The server's storage cannot be written; nothing was saved, try again later",
    retryAfterMs: 60_000,
  },
  contended: { message: 'The database is busy; nothing was saved, try again', retryAfterMs: 1_000 },
};

/**
 * A database that cannot be reached or written is not a bug of the request: it becomes an `unavailable` error
 * (503 with Retry-After on every transport) instead of an internal one. Null for any other error.
 */
export function storageUnavailable(error: unknown): DomainError | null {
  const fault = storageFault(error);
  if (!fault) return null;
  const { message, retryAfterMs } = STORAGE_FAULTS[fault];
  return new DomainError('unavailable', message, retryAfterMs);
}
