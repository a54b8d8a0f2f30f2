'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useSession } from 'next-auth/react';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { ExternalStore } from '../../lib/external-store';
import { useTRPC, useTRPCClient } from '../../trpc/react';
import type { ConversationPage, Message } from '../../trpc/types';
import { applyMessageToList } from '../conversations/list-cache';
import { upsertMessage } from '../messages/message-cache';
import { Outbox } from '../messages/outbox';
import { OutboxStorage } from '../messages/outbox-storage';
import { MessageNotifier } from '../notifications/message-notifier';
import { GroupDeliveryAcks } from '../receipts/group-delivery-acks';
import type { Overlay } from '../shortcuts/overlays';
import { useEventStream } from './event-stream';
import { TypingStore } from './typing-store';

/**
 * Everything the signed-in messenger keeps while it is open, in one object: the outbox of optimistic sends, the
 * typing signals, the group delivery acks waiting to go, and which conversation is on screen. Built once per sign-in; the event stream feeds it.
 */
export interface MessengerRuntime {
  viewerId: number;
  outbox: Outbox;
  typing: TypingStore;
  groupDeliveries: GroupDeliveryAcks;
  /** Browser notifications for new messages the user is not looking at. */
  notifier: MessageNotifier;
  /** A message whose bubble should open its editor (Up in an empty composer): its id, until the bubble takes it. */
  editRequest: ExternalStore<number | null>;
  /** The app-wide dialog on screen (quick switcher, shortcuts, settings), if any. */
  overlay: ExternalStore<Overlay | null>;
  /** The conversation on screen (its new messages are read, not counted as unread). */
  openConversation: { current: number | null };
}

const RuntimeContext = createContext<MessengerRuntime | null>(null);

export function useMessenger(): MessengerRuntime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('useMessenger needs <MessengerProvider>');
  return runtime;
}

export function MessengerProvider({ viewerId, children }: { viewerId: number; children: ReactNode }) {
  const trpc = useTRPC();
  const api = useTRPCClient();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const token = useRef<string | null>(null);
  token.current = session?.apiToken ?? null;
  const router = useRouter();
  const navigate = useRef(router);
  navigate.current = router;

  const [runtime] = useState<MessengerRuntime>(() => {
    const openConversation = { current: null as number | null };
    const onSent = (message: Message) => {
      upsertMessage(queryClient, message);
      applyMessageToList(queryClient, trpc.conversations.list.queryKey(), message, {
        isNew: true,
        viewerId,
        openConversationId: openConversation.current,
      });
    };
    return {
      viewerId,
      outbox: new Outbox(api, () => token.current, onSent, new OutboxStorage(viewerId)),
      typing: new TypingStore(),
      groupDeliveries: new GroupDeliveryAcks((conversation_id, message_id) =>
        api.events.delivered.mutate({ conversation_id, message_id }),
      ),
      notifier: new MessageNotifier(
        viewerId,
        (id) =>
          queryClient
            .getQueryData<ConversationPage>(trpc.conversations.list.queryKey())
            ?.conversations.find((c) => c.id === id),
        openConversation,
        (id) => navigate.current.push(`/c/${id}`),
      ),
      editRequest: new ExternalStore<number | null>(null),
      overlay: new ExternalStore<Overlay | null>(null),
      openConversation,
    };
  });
  useEffect(() => {
    void runtime.outbox.start();
    return () => {
      runtime.outbox.close();
      runtime.typing.close();
      runtime.groupDeliveries.close();
    };
  }, [runtime]);
  useEventStream(runtime);

  return <RuntimeContext.Provider value={runtime}>{children}</RuntimeContext.Provider>;
}
