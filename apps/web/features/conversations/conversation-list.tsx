'use client';

import { MessageCirclePlus } from 'lucide-react';
import { useParams } from 'next/navigation';
import { useMemo } from 'react';
import { Button } from '../../ui/button';
import { AssistantRow } from '../assistant/assistant-row';
import { isAssistantChat } from '../assistant/identify';
import { useAssistantUserId } from '../assistant/use-assistant-id';
import { useMessenger } from '../messenger/runtime';
import { usePresence } from '../presence/use-presence';
import { ConversationRow } from './conversation-row';
import { conversationName } from './describe';
import { useConversations } from './use-conversations';

/** The viewer's conversations, newest activity first, filtered by name; live through the event stream. */
export function ConversationList({ filter, onStartChat }: { filter: string; onStartChat: () => void }) {
  const { data, isPending, isError, refetch } = useConversations();
  const { viewerId } = useMessenger();
  const presence = usePresence();
  const openId = Number(useParams<{ id?: string }>().id ?? 0);
  const assistantUserId = useAssistantUserId();
  const needle = filter.trim().toLowerCase();

  // The assistant's chat is pinned above the others (its row shows even before the chat exists).
  const assistantChat = useMemo(
    () => data?.conversations.find((c) => isAssistantChat(c, assistantUserId)),
    [data, assistantUserId],
  );
  const pinned = !needle || 'assistant'.includes(needle) || needle === 'ai';
  const assistantRow = pinned && (
    <AssistantRow
      conversation={assistantChat}
      viewerId={viewerId}
      active={assistantChat !== undefined && assistantChat.id === openId}
    />
  );

  const shown = useMemo(() => {
    const all = (data?.conversations ?? []).filter((c) => c !== assistantChat);
    if (!needle) return all;
    return all.filter((c) => {
      const names = [conversationName(c), c.title, ...c.participants.map((p) => p.username)];
      return names.some((name) => name.toLowerCase().includes(needle));
    });
  }, [data, needle, assistantChat]);

  if (isPending) return <ListSkeleton />;
  if (isError)
    return (
      <div className="p-6 text-center text-sm text-muted" role="alert">
        Could not load your conversations.{' '}
        <button type="button" className="font-medium text-accent hover:underline" onClick={() => refetch()}>
          Try again
        </button>
      </div>
    );
  if ((data?.conversations.length ?? 0) === (assistantChat ? 1 : 0) && !needle)
    return (
      <div className="flex min-h-0 flex-1 flex-col">
        <nav aria-label="Conversation list" className="px-2">
          {assistantRow}
        </nav>
        <div className="flex flex-1 flex-col items-center justify-center gap-3 p-8 text-center">
          <MessageCirclePlus className="size-10 text-accent" aria-hidden />
          {/* The assistant's row is above (when shown), so this is not "no conversations": it invites the first one. */}
          <p className="font-semibold">Start your first chat</p>
          <p className="text-sm text-muted">
            Find someone by name or email, invite a friend, or create a group.
          </p>
          <Button onClick={onStartChat}>Start a chat</Button>
        </div>
      </div>
    );

  return (
    <nav aria-label="Conversation list" className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
      {assistantRow}
      {shown.length === 0 ? (
        assistantRow ? null : (
          <p className="p-6 text-center text-sm text-muted">No chats match “{filter.trim()}”.</p>
        )
      ) : (
        <ul className="grid grid-cols-1 gap-0.5">
          {shown.map((conversation) => (
            <li key={conversation.id}>
              <ConversationRow
                conversation={conversation}
                viewerId={viewerId}
                active={conversation.id === openId}
                online={
                  !conversation.is_group && conversation.participants[0]
                    ? presence(conversation.participants[0].id).online
                    : undefined
                }
              />
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function ListSkeleton() {
  return (
    <div className="grid gap-1 px-3 py-2" role="status" aria-label="Loading conversations">
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="flex items-center gap-3 rounded-xl p-2">
          <div className="size-12 animate-pulse rounded-full bg-surface-3" />
          <div className="grid flex-1 gap-2">
            <div className="h-3 w-1/2 animate-pulse rounded bg-surface-3" />
            <div className="h-3 w-3/4 animate-pulse rounded bg-surface-2" />
          </div>
        </div>
      ))}
    </div>
  );
}
