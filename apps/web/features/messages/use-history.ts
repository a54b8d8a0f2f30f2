'use client';

import { infiniteQueryOptions, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTRPCClient } from '../../trpc/react';
import type { MessagePage } from '../../trpc/types';
import { historyKey } from './message-cache';

/** Messages per page: enough to fill a tall screen twice, small enough to arrive at once. */
export const HISTORY_PAGE = 50;

type ApiClient = ReturnType<typeof useTRPCClient>;

/**
 * A conversation's history, newest page first, older pages fetched as the reader scrolls up (`before` the
 * oldest id held). Never refetched on its own: the event stream keeps it current.
 */
function historyOptions(api: ApiClient, conversationId: number) {
  return infiniteQueryOptions({
    queryKey: historyKey(conversationId),
    queryFn: ({ pageParam }): Promise<MessagePage> =>
      api.messages.list.query({
        conversation_id: conversationId,
        limit: HISTORY_PAGE,
        ...(pageParam === null ? {} : { before: pageParam }),
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => (page.has_more ? (page.messages[0]?.id ?? undefined) : undefined),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useHistory(conversationId: number) {
  const api = useTRPCClient();
  return useInfiniteQuery(historyOptions(api, conversationId));
}

/**
 * Starts loading a conversation's newest page before it is opened (the pointer is on its link): the request then
 * runs alongside the route change instead of after the pane has mounted. Once per conversation.
 */
export function usePrefetchHistory(conversationId: number): () => void {
  const api = useTRPCClient();
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.prefetchInfiniteQuery(historyOptions(api, conversationId));
  }, [api, queryClient, conversationId]);
}
