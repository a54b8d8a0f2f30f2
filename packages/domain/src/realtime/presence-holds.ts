import type { DomainDeps } from '../deps';
import { userConnected, userDisconnected } from './publish';

/** One connection's share of its user's presence: counted when taken, released once. */
export interface PresenceHold {
  /** Releases the hold (after its connect has counted); every later call returns the same promise. */
  release(): Promise<void>;
}

/** Holds not yet fully released, per process (its domain dependencies). */
const holdsByDeps = new WeakMap<DomainDeps, Set<PresenceHold>>();

/**
 * Counts a connection (a tRPC `events.stream` subscription) towards its user's presence, as a legacy socket
 * counts: online from now until `release()`. Failures are logged, never thrown: presence must not end a stream.
 */
export function holdPresence(deps: DomainDeps, userId: number): PresenceHold {
  let holds = holdsByDeps.get(deps);
  if (!holds) {
    holds = new Set();
    holdsByDeps.set(deps, holds);
  }
  const open = holds;
  const connected = userConnected(deps, userId).catch((error: unknown) => {
    console.error('presence connect failed', error);
  });
  let released: Promise<void> | undefined;
  const hold: PresenceHold = {
    release() {
      released ??= (async () => {
        await connected;
        await userDisconnected(deps, userId).catch((error: unknown) => {
          console.error('presence release failed', error);
        });
        open.delete(hold);
      })();
      return released;
    },
  };
  open.add(hold);
  return hold;
}

/**
 * Shutdown: releases every hold still open and waits for those already being released, so that their users go
 * offline (and get their last seen time) before the process closes presence and the database.
 */
export async function releasePresenceHolds(deps: DomainDeps): Promise<void> {
  await Promise.all([...(holdsByDeps.get(deps) ?? [])].map((hold) => hold.release()));
}
