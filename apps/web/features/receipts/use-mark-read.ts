'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { isTransient } from '../../trpc/failures';
import { useTRPC } from '../../trpc/react';
import { clearUnread } from '../conversations/list-cache';
import { useDocumentVisible } from '../messages/use-document-visible';

/** A read mark lost to a dropped connection or a restarting server is sent again: the sender waits on it. */
const MARK_ATTEMPTS = 6;
const retryDelayMs = (attempt: number) => Math.min(500 * 2 ** attempt, 8_000);

/**
 * While the conversation is on screen and the tab is visible, everything in it is read: the read mark moves to
 * the newest message from someone else, and the badge clears at once. A mark that cannot be sent now is tried
 * again (and waits while the browser is offline); one that still fails is tried with the next message.
 */
export function useMarkRead(
  conversationId: number,
  viewerId: number,
  messages: readonly { id: number; sender_id: number }[],
): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const visible = useDocumentVisible();
  const { mutate } = useMutation(
    trpc.conversations.markRead.mutationOptions({
      retry: (failures, error) => failures < MARK_ATTEMPTS && isTransient(error),
      retryDelay: retryDelayMs,
    }),
  );
  const marked = useRef(0);
  const newestFromOthers = useMemo(() => {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (m && m.sender_id !== viewerId) return m.id;
    }
    return null;
  }, [messages, viewerId]);
  useEffect(() => {
    if (!visible || newestFromOthers === null || newestFromOthers <= marked.current) return;
    const before = marked.current;
    marked.current = newestFromOthers;
    clearUnread(queryClient, trpc.conversations.list.queryKey(), conversationId, newestFromOthers);
    mutate(
      { conversation_id: conversationId, message_id: newestFromOthers },
      {
        onError: () => {
          if (marked.current === newestFromOthers) marked.current = before;
        },
      },
    );
  }, [visible, newestFromOthers, conversationId, queryClient, trpc, mutate]);
}
