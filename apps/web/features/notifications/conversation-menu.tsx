'use client';

import { Bell, BellOff, EllipsisVertical } from 'lucide-react';
import type { Conversation } from '../../trpc/types';
import { MenuButton } from '../../ui/menu-button';
import { useSetMuted } from './use-set-muted';

/** The conversation's menu in its header: mute or unmute it (for the viewer, on all their devices). */
export function ConversationMenu({ conversation }: { conversation: Conversation }) {
  const setMuted = useSetMuted();
  const { muted } = conversation;
  return (
    <MenuButton
      label="Conversation menu"
      buttonClassName="inline-flex size-10 shrink-0 items-center justify-center rounded-full text-muted transition-colors hover:bg-surface-2 hover:text-text"
      button={<EllipsisVertical className="size-5" aria-hidden />}
      align="end"
      contentClassName="min-w-52"
      entries={[
        muted
          ? {
              label: 'Unmute notifications',
              icon: <Bell className="size-4 text-muted" aria-hidden />,
              onSelect: () => setMuted.mutate({ conversation_id: conversation.id, muted: false }),
            }
          : {
              label: 'Mute notifications',
              icon: <BellOff className="size-4 text-muted" aria-hidden />,
              onSelect: () => setMuted.mutate({ conversation_id: conversation.id, muted: true }),
            },
      ]}
    />
  );
}
