'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTRPC } from '../../trpc/react';

/** What the viewer's own message has reached: nobody yet, every other member's device, or their eyes. */
export interface Reach {
  state: 'sent' | 'delivered' | 'read';
  /** How many other members have read it (for "Read by 3" in groups). */
  readBy: number;
  others: number;
}

/**
 * Members' read and delivered marks for one conversation (`conversations.receipts`), patched live by receipt
 * events; `reach(messageId)` says how far one of the viewer's messages got.
 */
export function useReceipts(conversationId: number, viewerId: number) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.conversations.receipts.queryOptions({ conversation_id: conversationId }));
  // One object per distinct reach, kept for the pane's life (a few states × member counts), so that a row whose
  // message's reach did not change gets the same prop back (rows are memoised) when any receipt arrives.
  const [interned] = useState(() => new Map<string, Reach>());
  return useCallback(
    (messageId: number): Reach => {
      const others = (data?.members ?? []).filter((m) => m.user_id !== viewerId);
      const readBy = others.filter((m) => (m.last_read_message_id ?? 0) >= messageId).length;
      const deliveredTo = others.filter(
        (m) => Math.max(m.last_delivered_message_id ?? 0, m.last_read_message_id ?? 0) >= messageId,
      ).length;
      const all = others.length;
      const state =
        all > 0 && readBy === all ? 'read' : all > 0 && deliveredTo === all ? 'delivered' : 'sent';
      const key = `${state}/${readBy}/${all}`;
      const reach = interned.get(key) ?? { state, readBy, others: all };
      interned.set(key, reach);
      return reach;
    },
    [data, viewerId, interned],
  );
}
