'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/react';

/** Contacts' presence: one snapshot (`users.presence`), then patched live by presence events. */
export function usePresence() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.users.presence.queryOptions(undefined));
  return (userId: number) => {
    const entry = data?.users.find((u) => u.id === userId);
    return { online: entry?.online ?? false, lastSeenAt: entry?.last_seen_at ?? null };
  };
}
