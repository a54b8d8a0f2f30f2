'use client';

import { Bell, BellOff, ChevronDown, EllipsisVertical } from 'lucide-react';
import type { Conversation } from '../../trpc/types';
import { cn } from '../../ui/cn';
import { MenuButton, type MenuEntry } from '../../ui/menu-button';
import { useSetMuted } from './use-set-muted';

/** What a conversation's menus offer: mute or unmute it (for the viewer, on all their devices). */
function useConversationEntries(conversation: Conversation): MenuEntry[] {
  const setMuted = useSetMuted();
  const mute = (muted: boolean) => setMuted.mutate({ conversation_id: conversation.id, muted });
  return [
    conversation.muted
      ? {
          label: 'Unmute notifications',
          icon: <Bell className="size-4 text-muted" aria-hidden />,
          onSelect: () => mute(false),
        }
      : {
          label: 'Mute notifications',
          icon: <BellOff className="size-4 text-muted" aria-hidden />,
          onSelect: () => mute(true),
        },
  ];
}

/** The conversation's menu in its header. */
export function ConversationMenu({ conversation }: { conversation: Conversation }) {
  return (
    <MenuButton
      label="Conversation menu"
      buttonClassName="inline-flex size-10 shrink-0 items-center justify-center rounded-full text-muted transition-colors hover:bg-surface-2 hover:text-text"
      button={<EllipsisVertical className="size-5" aria-hidden />}
      align="end"
      contentClassName="min-w-52"
      entries={useConversationEntries(conversation)}
    />
  );
}

/**
 * The same menu on a row of the list, so a chat can be muted without opening it: a chevron that shows when the
 * pointer is over the row or the keyboard is in it (as in WhatsApp), and always on touch screens (no hover there).
 */
export function ConversationRowMenu({ conversation, name }: { conversation: Conversation; name: string }) {
  return (
    <MenuButton
      label={`Menu for ${name}`}
      buttonClassName={cn(
        'inline-flex size-7 shrink-0 items-center justify-center rounded-full text-muted transition-opacity hover:bg-surface-3 hover:text-text',
        'opacity-0 group-hover:opacity-100 focus-visible:opacity-100 group-has-focus-visible:opacity-100 aria-expanded:opacity-100 pointer-coarse:opacity-100',
      )}
      button={<ChevronDown className="size-4" aria-hidden />}
      align="end"
      contentClassName="min-w-52"
      entries={useConversationEntries(conversation)}
    />
  );
}
