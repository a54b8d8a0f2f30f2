'use client';

import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useRouter } from 'next/navigation';
import { endExpiredSession, isUnauthorized } from '../../auth/session-expiry';
import { patchCached } from '../../lib/patch-cached';
import type { StreamEvent } from '../../realtime/stream-event';
import { useTRPC } from '../../trpc/react';
import type { ConversationPage } from '../../trpc/types';
import { applyMessageToList, clearUnread } from '../conversations/list-cache';
import { upsertMessage } from '../messages/message-cache';
import { applyPresence } from '../presence/presence-cache';
import { applyReceipt } from '../receipts/receipts-cache';
import type { MessengerRuntime } from './runtime';

type Trpc = ReturnType<typeof useTRPC>;

/**
 * The one subscription of this tab: `events.stream` over the tRPC WebSocket. Each event patches the query cache
 * where it can (a message, a preview, presence, a receipt) and refetches only what an event cannot patch (a
 * conversation's members). After a dropped socket, tRPC resumes from the last event id, so missed events come
 * exactly once; patches are idempotent, so nothing shows twice. After too long away the server answers `resync`
 * instead, and everything is refetched.
 */
export function useEventStream(runtime: MessengerRuntime): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  useSubscription(
    trpc.events.stream.subscriptionOptions(undefined, {
      onData: ({ data }) =>
        applyEvent(data, { runtime, trpc, queryClient, leave: () => router.replace('/') }),
      onError: (error) => {
        if (isUnauthorized(error)) endExpiredSession();
      },
    }),
  );
}

interface Targets {
  runtime: MessengerRuntime;
  trpc: Trpc;
  queryClient: QueryClient;
  /** Closes the open conversation (the viewer was removed from it). */
  leave: () => void;
}

function applyEvent(event: StreamEvent, { runtime, trpc, queryClient, leave }: Targets): void {
  const listKey = trpc.conversations.list.queryKey();
  switch (event.type) {
    case 'message.created':
    case 'message.edited':
    case 'message.deleted': {
      const { message } = event;
      upsertMessage(queryClient, message);
      if (event.type === 'message.created') {
        runtime.outbox.confirm(message);
        runtime.typing.stopped(message.conversation_id, message.sender_id);
        runtime.notifier.received(message, event.conversation_title);
        if (
          message.sender_id !== runtime.viewerId &&
          !isDirect(queryClient, listKey, message.conversation_id)
        )
          runtime.groupDeliveries.received(message.conversation_id, message.id);
      }
      const known = applyMessageToList(queryClient, listKey, message, {
        isNew: event.type === 'message.created',
        viewerId: runtime.viewerId,
        openConversationId: runtime.openConversation.current,
      });
      if (!known) void queryClient.invalidateQueries({ queryKey: listKey });
      return;
    }
    case 'conversation.changed': {
      const stillMember = event.member_ids.includes(runtime.viewerId);
      if (!stillMember) {
        patchCached<ConversationPage>(queryClient, listKey, (page) =>
          page
            ? { ...page, conversations: page.conversations.filter((c) => c.id !== event.conversation_id) }
            : page,
        );
        if (runtime.openConversation.current === event.conversation_id) leave();
      }
      void queryClient.invalidateQueries({ queryKey: listKey });
      void queryClient.invalidateQueries({
        queryKey: trpc.conversations.receipts.queryKey({ conversation_id: event.conversation_id }),
      });
      void queryClient.invalidateQueries({ queryKey: trpc.users.presence.queryKey() });
      return;
    }
    case 'presence':
      applyPresence(queryClient, trpc.users.presence.queryKey(), event);
      return;
    case 'typing':
      if (event.user_id !== runtime.viewerId)
        runtime.typing.typing(event.conversation_id, event.user_id, Date.parse(event.expires_at));
      return;
    case 'receipt':
      applyReceipt(
        queryClient,
        trpc.conversations.receipts.queryKey({ conversation_id: event.conversation_id }),
        event,
      );
      // Read in another tab or device of ours: the badge clears here too.
      if (event.user_id === runtime.viewerId && event.receipt === 'read')
        clearUnread(queryClient, listKey, event.conversation_id, event.message_id);
      return;
    case 'resync':
      // Away longer than the server's journal keeps: what was missed cannot be replayed, so every cached answer
      // (list, histories, receipts, presence) is read again; live events follow.
      void queryClient.invalidateQueries();
      return;
  }
}

/**
 * A one-to-one chat the list knows. The server acks those itself; anything else gets an explicit ack, including a
 * conversation not in the list yet (a group whose first message came before the refreshed list), where an ack
 * that turns out to be redundant moves nothing.
 */
function isDirect(queryClient: QueryClient, listKey: readonly unknown[], conversationId: number): boolean {
  const page = queryClient.getQueryData<ConversationPage>(listKey);
  return page?.conversations.some((c) => c.id === conversationId && !c.is_group) ?? false;
}
