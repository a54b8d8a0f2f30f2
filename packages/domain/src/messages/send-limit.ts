import type { DomainDeps } from '../deps';

/**
 * A send over HTTP counts against the user's rate (sendsPerUser). Sockets are limited per frame instead, and the
 * assistant's own replies are not client sends: both call sendMessage without this.
 */
export async function admitHttpSend(deps: DomainDeps, userId: number): Promise<void> {
  await deps.runtime.rateLimits.take('sendsPerUser', userId, deps.now());
}
