'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTRPC } from '../../trpc/react';
import { flattenHistory } from '../messages/message-cache';
import { useHistory } from '../messages/use-history';
import { useMessenger } from '../messenger/runtime';
import { AssistantComposer } from './assistant-composer';
import { AssistantHeader } from './assistant-header';
import { AssistantLog } from './assistant-log';
import { TurnNotice } from './turn-notice';
import { useAssistantStream } from './use-assistant-stream';

const NOT_CONFIGURED =
  'The assistant is not configured on this server, so it cannot answer. Whoever runs this ChatApp can set it up.';

/**
 * The assistant chat (loaded with it, not with the messenger: markdown and streaming live here). Questions go
 * through `assistant.stream`; the reply grows in its bubble as the model writes it and becomes the stored message
 * when it is done. Its history is the ordinary one, kept current by the event stream.
 */
export function AssistantPane({ conversationId }: { conversationId: number }) {
  const { viewerId } = useMessenger();
  const trpc = useTRPC();
  const chat = useQuery(trpc.assistant.conversation.queryOptions());
  const history = useHistory(conversationId);
  const messages = useMemo(() => flattenHistory(history.data), [history.data]);
  const { turn, ask, stop, settle, dismiss } = useAssistantStream(conversationId);

  // A reply newer than the question came (by the stream's end, or the event stream after Stop): the turn is over,
  // and its bubble gives way to the stored message, so the reply never shows twice.
  const questionId = turn?.questionId ?? null;
  const replied = questionId !== null && messages.some((m) => m.sender_id !== viewerId && m.id > questionId);
  const inFlight = turn !== null && turn.phase !== 'failed';
  useEffect(() => {
    if (replied && inFlight) settle();
  }, [replied, inFlight, settle]);
  const shownTurn = replied && inFlight ? null : turn;

  const notConfigured = chat.data?.configured === false || turn?.failure?.status === 503;
  const answering = shownTurn?.phase === 'asking' || shownTurn?.phase === 'streaming';
  const status = notConfigured
    ? 'Not configured on this server'
    : answering
      ? 'writing…'
      : shownTurn?.phase === 'detached'
        ? 'finishing a reply…'
        : 'AI assistant';

  return (
    <section aria-label="Conversation" className="relative flex min-h-0 flex-1 flex-col bg-chat-bg">
      <AssistantHeader status={status} live={answering} />
      {history.isPending ? (
        <div className="flex flex-1 items-center justify-center" role="status" aria-label="Loading messages">
          <span className="size-6 animate-spin rounded-full border-2 border-accent border-t-transparent" />
        </div>
      ) : (
        <AssistantLog
          messages={messages}
          viewerId={viewerId}
          turn={shownTurn}
          olderExists={history.hasNextPage}
          loadingOlder={history.isFetchingNextPage}
          onLoadOlder={() => void history.fetchNextPage()}
          notice={
            notConfigured ? null : (
              <TurnNotice
                turn={shownTurn}
                onRetry={() => shownTurn && ask(shownTurn.question)}
                onDismiss={dismiss}
              />
            )
          }
        />
      )}
      <AssistantComposer
        disabledReason={notConfigured ? NOT_CONFIGURED : null}
        answering={answering}
        onAsk={ask}
        onStop={stop}
      />
    </section>
  );
}
