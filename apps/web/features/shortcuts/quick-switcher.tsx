'use client';

import { Command } from 'cmdk';
import { useRouter } from 'next/navigation';
import { mediaPath } from '../../lib/media';
import { Avatar } from '../../ui/avatar';
import { conversationName, groupAvatar, partnerOf } from '../conversations/describe';
import { useConversations } from '../conversations/use-conversations';

/**
 * Ctrl+K: type a few letters of a name, Enter opens that conversation. The conversations of the list, matched by
 * name, title or username (cmdk ranks them); arrow keys move, Escape closes.
 */
export function QuickSwitcher({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { data } = useConversations();
  const router = useRouter();
  const conversations = data?.conversations ?? [];
  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label="Jump to a conversation"
      overlayClassName="fixed inset-0 z-40 bg-black/40 [animation:fade-in_120ms_ease-out]"
      contentClassName="fixed top-[12dvh] left-1/2 z-50 w-[min(32rem,calc(100vw-1.5rem))] -translate-x-1/2 overflow-hidden rounded-2xl bg-surface shadow-2xl [animation:pop-in_140ms_ease-out]"
    >
      <Command.Input
        placeholder="Jump to a conversation…"
        aria-label="Conversation name"
        className="h-14 w-full border-b border-border bg-transparent px-5 text-base outline-none placeholder:text-muted focus-visible:outline-none"
      />
      <Command.List className="max-h-[min(24rem,60dvh)] overflow-y-auto p-2">
        <Command.Empty className="px-3 py-6 text-center text-sm text-muted">
          No conversation by that name.
        </Command.Empty>
        {conversations.map((conversation) => {
          const name = conversationName(conversation);
          const partner = partnerOf(conversation);
          return (
            <Command.Item
              key={conversation.id}
              value={`${name} ${conversation.id}`}
              keywords={conversation.participants.map((p) => p.username)}
              onSelect={() => {
                onOpenChange(false);
                router.push(`/c/${conversation.id}`);
              }}
              className="flex cursor-pointer items-center gap-3 rounded-xl px-3 py-2 data-[selected=true]:bg-accent-soft"
            >
              <Avatar
                person={partner ?? groupAvatar(conversation)}
                src={mediaPath(partner?.profile)}
                size={32}
              />
              <span className="truncate font-medium">{name}</span>
            </Command.Item>
          );
        })}
      </Command.List>
    </Command.Dialog>
  );
}
