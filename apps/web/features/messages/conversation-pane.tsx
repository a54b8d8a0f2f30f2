'use client';

import { ImagePlus } from 'lucide-react';
import dynamic from 'next/dynamic';
import { type DragEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../lib/external-store';
import { isAssistantChat } from '../assistant/identify';
import { useAssistantUserId } from '../assistant/use-assistant-id';
import { useConversation } from '../conversations/use-conversations';
import { useMessenger } from '../messenger/runtime';
import { useMarkRead } from '../receipts/use-mark-read';
import { Composer, type ComposerHandle } from './composer';
import { flattenHistory } from './message-cache';
import { MessageList, type MessageListHandle } from './message-list';
import { PaneHeader } from './pane-header';
import { useHistory } from './use-history';

// The assistant's chat (markdown, streaming) is loaded when it is opened, not with every chat.
const AssistantPane = dynamic(() => import('../assistant/assistant-pane').then((m) => m.AssistantPane), {
  loading: () => <div className="flex-1 bg-chat-bg" />,
});

/** One open conversation: its header, its history, and the composer. */
export function ConversationPane({ conversationId }: { conversationId: number }) {
  const runtime = useMessenger();
  const { conversation, error } = useConversation(conversationId);
  const history = useHistory(conversationId);
  const pendingAll = useStore(runtime.outbox.store);
  const list = useRef<MessageListHandle>(null);
  const composer = useRef<ComposerHandle>(null);
  const [dragging, setDragging] = useState(false);
  const assistantUserId = useAssistantUserId();

  useEffect(() => {
    runtime.openConversation.current = conversationId;
    return () => {
      if (runtime.openConversation.current === conversationId) runtime.openConversation.current = null;
    };
  }, [runtime, conversationId]);

  const messages = useMemo(() => flattenHistory(history.data), [history.data]);
  const pending = useMemo(
    () => [...pendingAll.values()].filter((p) => p.conversationId === conversationId),
    [pendingAll, conversationId],
  );
  useMarkRead(conversationId, runtime.viewerId, messages);

  if (error) {
    return (
      <div className="flex flex-1 items-center justify-center bg-chat-bg p-8 text-center" role="alert">
        <div>
          <p className="font-semibold">This conversation is not available</p>
          <p className="mt-1 text-sm text-muted">It does not exist, or you are no longer a member.</p>
        </div>
      </div>
    );
  }

  if (conversation && isAssistantChat(conversation, assistantUserId))
    return <AssistantPane conversationId={conversationId} />;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) composer.current?.attach(file);
  };

  return (
    <section
      aria-label="Conversation"
      className="relative flex min-h-0 flex-1 flex-col bg-chat-bg"
      onDragOver={(event) => {
        if (![...event.dataTransfer.types].includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <PaneHeader conversationId={conversationId} conversation={conversation} />
      <MessageList
        ref={list}
        conversationId={conversationId}
        conversation={conversation}
        history={history}
        messages={messages}
        pending={pending}
      />
      <Composer
        ref={composer}
        conversationId={conversationId}
        onSent={() => list.current?.scrollToBottom()}
      />
      {dragging && (
        <div className="pointer-events-none absolute inset-2 z-20 flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed border-accent bg-surface/85 text-accent">
          <ImagePlus className="size-10" aria-hidden />
          <p className="font-semibold">Drop a picture to send it</p>
        </div>
      )}
    </section>
  );
}
