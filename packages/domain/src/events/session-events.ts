import type { DomainDeps } from '../deps';

/** Tells the user's open connections, on every process, to re-check their tokens now (see SessionsRevoked). */
export async function publishSessionsRevoked(deps: DomainDeps, userId: number): Promise<void> {
  await deps.runtime.hub.publish({
    id: null,
    recipients: [userId],
    event: { type: 'sessions.revoked', userId },
  });
}
