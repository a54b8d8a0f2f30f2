import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { patchCached } from '../../lib/patch-cached';
import type { StreamEvent } from '../../realtime/stream-event';

type ReceiptEvent = Extract<StreamEvent, { type: 'receipt' }>;
export interface ReceiptsSnapshot {
  conversation_id: number;
  members: Array<{
    user_id: number;
    last_read_message_id: number | null;
    last_delivered_message_id: number | null;
  }>;
}

const later = (a: number | null, b: number) => Math.max(a ?? 0, b);

/** Marks only move forward; a read implies delivered. */
export function applyReceipt(queryClient: QueryClient, key: QueryKey, event: ReceiptEvent): void {
  patchCached<ReceiptsSnapshot>(queryClient, key, (snapshot) => {
    if (!snapshot) return snapshot;
    const known = snapshot.members.some((m) => m.user_id === event.user_id);
    const base = known
      ? snapshot.members
      : [
          ...snapshot.members,
          { user_id: event.user_id, last_read_message_id: null, last_delivered_message_id: null },
        ];
    return {
      ...snapshot,
      members: base.map((m) =>
        m.user_id !== event.user_id
          ? m
          : {
              ...m,
              last_delivered_message_id: later(m.last_delivered_message_id, event.message_id),
              last_read_message_id:
                event.receipt === 'read'
                  ? later(m.last_read_message_id, event.message_id)
                  : m.last_read_message_id,
            },
      ),
    };
  });
}
