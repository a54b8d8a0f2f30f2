'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPCClient } from '../../trpc/react';
import type { MessagePage } from '../../trpc/types';
import { historyKey } from './message-cache';

/** Messages per page: enough to fill a tall screen twice, small enough to arrive at once. */
export const HISTORY_PAGE = 50;

/**
 * A conversation's history, newest page first, older pages fetched as the reader scrolls up (`before` the
 * oldest id held). Never refetched on its own: the event stream keeps it current.
 */
export function useHistory(conversationId: number) {
  const api = useTRPCClient();
  return useInfiniteQuery({
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
