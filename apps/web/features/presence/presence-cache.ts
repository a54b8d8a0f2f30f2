import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { patchCached } from '../../lib/patch-cached';
import type { StreamEvent } from '../../realtime/stream-event';

type PresenceEvent = Extract<StreamEvent, { type: 'presence' }>;
export type PresenceSnapshot = { users: Array<{ id: number; online: boolean; last_seen_at: string | null }> };

/** A presence change patches the snapshot (`users.presence`); going offline stamps "last seen" now. */
export function applyPresence(queryClient: QueryClient, key: QueryKey, event: PresenceEvent): void {
  patchCached<PresenceSnapshot>(queryClient, key, (snapshot) => {
    if (!snapshot) return snapshot;
    const lastSeen =
      'last_seen_at' in event && typeof event.last_seen_at === 'string'
        ? event.last_seen_at
        : event.online
          ? null
          : new Date().toISOString();
    const entry = { id: event.user_id, online: event.online, last_seen_at: lastSeen };
    const others = snapshot.users.filter((u) => u.id !== event.user_id);
    return { users: [...others, entry] };
  });
}
