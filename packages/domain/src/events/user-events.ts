import type { DomainDeps } from '../deps';

/** A new account exists: every socket hears it (legacy clients refresh their user list). */
export async function publishUserCreated(deps: DomainDeps, userId: number): Promise<void> {
  await deps.runtime.hub.publish({
    id: null,
    recipients: [],
    broadcast: true,
    event: { type: 'user.created', userId },
  });
}
