import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { patchCached } from '../../lib/patch-cached';
import type { ConversationPage, Message } from '../../trpc/types';

const byActivity = (a: { last_activity_at: string }, b: { last_activity_at: string }) =>
  b.last_activity_at.localeCompare(a.last_activity_at);

/**
 * Applies a message event to the cached conversation list: the preview and time move, the conversation goes to
 * the top, and the unread badge grows for someone else's new message (unless the reader has it open), once however
 * often the event is applied. Returns
 * false when the conversation is not in the list (a new one: the caller refetches).
 */
export function applyMessageToList(
  queryClient: QueryClient,
  listKey: QueryKey,
  message: Message,
  options: { isNew: boolean; viewerId: number; openConversationId: number | null },
): boolean {
  let known = false;
  patchCached<ConversationPage>(queryClient, listKey, (page) => {
    if (!page) return page;
    const conversations = page.conversations.map((conversation) => {
      if (conversation.id !== message.conversation_id) return conversation;
      known = true;
      const last = conversation.last_message;
      const isLatest = !last || last.id <= message.id;
      if (!isLatest) return conversation;
      // Counted once: the same event applied again (to an answer fetched meanwhile) finds itself the preview.
      const unseen =
        options.isNew &&
        last?.id !== message.id &&
        message.sender_id !== options.viewerId &&
        options.openConversationId !== message.conversation_id;
      return {
        ...conversation,
        last_message: message,
        last_activity_at: options.isNew ? message.created_at : conversation.last_activity_at,
        unread_count: conversation.unread_count + (unseen ? 1 : 0),
      };
    });
    return { ...page, conversations: conversations.sort(byActivity) };
  });
  return known;
}

/** The reader has seen a conversation up to `messageId`: its badge clears at once. */
export function clearUnread(
  queryClient: QueryClient,
  listKey: QueryKey,
  conversationId: number,
  messageId: number,
) {
  patchCached<ConversationPage>(queryClient, listKey, (page) =>
    page
      ? {
          ...page,
          conversations: page.conversations.map((c) =>
            c.id === conversationId
              ? {
                  ...c,
                  unread_count: 0,
                  last_read_message_id: Math.max(c.last_read_message_id ?? 0, messageId),
                }
              : c,
          ),
        }
      : page,
  );
}
