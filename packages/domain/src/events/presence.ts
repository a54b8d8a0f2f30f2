import type { DomainDeps, RuntimeWorker } from '../deps';
import type { PresenceHold } from '../realtime/presence-holds';
import { contactsOf } from './audience';
import type { RealtimeEvent } from './types';

// Presence as the domain tells it: a user goes online with their first connection anywhere and offline with their
// last (or when their process vanished), told to the user and their contacts (the users who share a conversation
// with them), never to anyone else. The counting itself is the runtime's PresenceTracker (../realtime).

/** A socket opened: publishes "online" to the user's contacts (and own devices) if this was the first. */
export async function userConnected(deps: DomainDeps, userId: number): Promise<void> {
  if (await deps.runtime.presence.connect(userId)) await publishPresence(deps, userId, true);
}

export async function userDisconnected(deps: DomainDeps, userId: number): Promise<void> {
  if (await deps.runtime.presence.disconnect(userId)) await wentOffline(deps, userId);
}

/**
 * Counts a connection (a socket, or an event stream) towards its user's presence: online from now until the hold
 * is released. The runtime keeps the holds, so shutdown releases those still open.
 */
export function holdPresence(deps: DomainDeps, userId: number): PresenceHold {
  return deps.runtime.presenceHolds.take(
    () => userConnected(deps, userId),
    () => userDisconnected(deps, userId),
  );
}

/** Reports users whose process died (heartbeats expired) as offline. */
export async function sweepPresence(deps: DomainDeps): Promise<void> {
  for (const userId of await deps.runtime.presence.sweep()) await wentOffline(deps, userId);
}

/**
 * The runtime worker that sweeps presence every `everyMs` (only meaningful across processes: in-process presence
 * has nothing to sweep).
 */
export function presenceSweeper(everyMs: number): RuntimeWorker {
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'presence sweeper',
    start(deps) {
      timer = setInterval(() => {
        sweepPresence(deps).catch((error: unknown) =>
          deps.runtime.log.error({ err: error }, 'presence sweep failed'),
        );
      }, everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}

/**
 * The one place a user goes offline: records `last_seen_at`, then tells their contacts (with that time). A failed
 * write is logged and the flip still published: contacts must not see a gone user online.
 */
async function wentOffline(deps: DomainDeps, userId: number): Promise<void> {
  const lastSeenAt = deps.now();
  try {
    await deps.db.updateTable('users').set({ last_seen_at: lastSeenAt }).where('id', '=', userId).execute();
  } catch (error) {
    deps.runtime.log.error({ err: error, userId }, 'last seen time not recorded');
  }
  await publishPresence(deps, userId, false, lastSeenAt);
}

async function publishPresence(
  deps: DomainDeps,
  userId: number,
  online: boolean,
  lastSeenAt?: number,
): Promise<void> {
  const recipients = [userId, ...(await contactsOf(deps.db, userId))];
  const event: RealtimeEvent =
    lastSeenAt === undefined
      ? { type: 'presence', userId, online }
      : { type: 'presence', userId, online, lastSeenAt };
  await deps.runtime.hub.publish({ id: null, recipients, event });
}

/** Online users among `userId`'s contacts, the user included when online: the legacy `connected_users` list. */
export async function onlineContacts(deps: DomainDeps, userId: number): Promise<number[]> {
  const contacts = await contactsOf(deps.db, userId);
  const online = await deps.runtime.presence.onlineAmong([userId, ...contacts]);
  return [userId, ...contacts].filter((id) => online.has(id));
}

export interface ContactPresence {
  userId: number;
  online: boolean;
  /** When the user last went offline (epoch ms); null if never recorded. Kept while they are online again. */
  lastSeenAt: number | null;
}

/**
 * Presence of everyone who shares a conversation with `userId` (the only users presence is shown to), by id: the
 * snapshot a client takes once, then keeps current from `presence` events.
 */
export async function contactPresence(deps: DomainDeps, userId: number): Promise<ContactPresence[]> {
  const rows = await deps.db
    .selectFrom('conversation_members as mine')
    .innerJoin('conversation_members as theirs', 'theirs.conversation_id', 'mine.conversation_id')
    .innerJoin('users', 'users.id', 'theirs.user_id')
    .select(['users.id', 'users.last_seen_at'])
    .distinct()
    .where('mine.user_id', '=', userId)
    .where('theirs.user_id', '!=', userId)
    .orderBy('users.id')
    .execute();
  const online = await deps.runtime.presence.onlineAmong(rows.map((row) => row.id));
  return rows.map((row) => ({
    userId: row.id,
    online: online.has(row.id),
    lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at),
  }));
}
