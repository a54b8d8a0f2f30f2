import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ConversationPage } from '../../trpc/types';

/** Sets a conversation's `muted` in the cached list (at once, before the server answers). */
export function setMutedInList(
  queryClient: QueryClient,
  listKey: QueryKey,
  conversationId: number,
  muted: boolean,
): void {
  queryClient.setQueryData<ConversationPage>(listKey, (page) =>
    page
      ? {
          ...page,
          conversations: page.conversations.map((c) => (c.id === conversationId ? { ...c, muted } : c)),
        }
      : page,
  );
}
