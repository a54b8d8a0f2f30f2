'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/react';

/** The first page of the viewer's conversations (newest activity first), kept current by the event stream. */
export function useConversations() {
  const trpc = useTRPC();
  return useQuery(trpc.conversations.list.queryOptions(undefined));
}

/** One conversation from the list cache, or fetched on its own (a chat opened by link, older than page one). */
export function useConversation(conversationId: number) {
  const trpc = useTRPC();
  const list = useConversations();
  const cached = list.data?.conversations.find((c) => c.id === conversationId);
  const single = useQuery({
    ...trpc.conversations.get.queryOptions({ conversation_id: conversationId }),
    enabled: list.isSuccess && !cached,
  });
  return { conversation: cached ?? single.data, error: single.error, isLoading: !cached && !single.error };
}
