import type { QueryClient } from '@tanstack/react-query';
import type { useTRPC } from '../../trpc/react';
import type { Conversation, ConversationPage } from '../../trpc/types';

type Trpc = ReturnType<typeof useTRPC>;

const byActivity = (a: Conversation, b: Conversation) => b.last_activity_at.localeCompare(a.last_activity_at);

/**
 * Puts a conversation the API just returned (created, opened, members changed) into the list and its own query at
 * once, so the pane that opens next has it without a round trip. The list is refetched too: the server's page is
 * the authority (and the `conversation.changed` event refetches it again on every device).
 */
export function storeConversation(queryClient: QueryClient, trpc: Trpc, conversation: Conversation): void {
  const listKey = trpc.conversations.list.queryKey();
  queryClient.setQueryData<ConversationPage>(listKey, (page) => {
    if (!page) return page;
    const others = page.conversations.filter((c) => c.id !== conversation.id);
    return { ...page, conversations: [...others, conversation].sort(byActivity) };
  });
  queryClient.setQueryData(
    trpc.conversations.get.queryKey({ conversation_id: conversation.id }),
    conversation,
  );
  void queryClient.invalidateQueries({ queryKey: listKey });
}

/**
 * The viewer left a conversation: it goes from the list at once, and the list is refetched. Its own query keeps
 * it until the app has navigated away, so the pane still open under the dialog does not flash "not available".
 */
export function forgetConversation(queryClient: QueryClient, trpc: Trpc, conversation: Conversation): void {
  const listKey = trpc.conversations.list.queryKey();
  queryClient.setQueryData(
    trpc.conversations.get.queryKey({ conversation_id: conversation.id }),
    conversation,
  );
  queryClient.setQueryData<ConversationPage>(listKey, (page) =>
    page ? { ...page, conversations: page.conversations.filter((c) => c.id !== conversation.id) } : page,
  );
  void queryClient.invalidateQueries({ queryKey: listKey });
}
