'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPCClient } from '../../trpc/react';
import { upsertMessage } from '../messages/message-cache';
import { type AskFailure, askFailureOf } from './ask-failure';

/**
 * One question and its reply while it is not yet a stored message:
 * - `asking`: sent, nothing back yet (a typing bubble);
 * - `streaming`: the reply's text so far (a bubble that grows);
 * - `detached`: no longer shown as it is written (the user pressed Stop, or the socket dropped). The server still
 *   finishes and stores the reply, which then arrives like any message, through the event stream;
 * - `failed`: the API refused or the model failed; nothing was stored as a reply.
 */
export interface Turn {
  question: string;
  /** The stored question's id, once the server has stored it. */
  questionId: number | null;
  text: string;
  phase: 'asking' | 'streaming' | 'detached' | 'failed';
  failure: AskFailure | null;
}

/** One subscription; callbacks of one that was let go are ignored (a late event of an old question). */
interface Listening {
  subscription: { unsubscribe(): void } | null;
}

/**
 * Asks through `assistant.stream` (over the tab's WebSocket) and keeps the turn in flight. The stored question and
 * reply go into the history cache by id, so the event stream delivering the same messages never doubles a bubble.
 */
export function useAssistantStream(conversationId: number) {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [turn, setTurn] = useState<Turn | null>(null);
  const listening = useRef<Listening | null>(null);

  const release = useCallback(() => {
    listening.current?.subscription?.unsubscribe();
    listening.current = null;
  }, []);
  // Leaving the chat only stops listening; the reply is still stored.
  useEffect(() => release, [release]);

  const ask = useCallback(
    (question: string) => {
      release();
      setTurn({ question, questionId: null, text: '', phase: 'asking', failure: null });
      const update = (change: (turn: Turn) => Turn) =>
        setTurn((current) => (current ? change(current) : current));
      const own: Listening = { subscription: null };
      listening.current = own;
      own.subscription = client.assistant.stream.subscribe(
        { message: question, conversation_id: conversationId },
        {
          onData(event) {
            if (listening.current !== own) return;
            if (event.type === 'question') {
              upsertMessage(queryClient, event.message);
              update((t) => ({ ...t, questionId: event.message.id }));
            } else if (event.type === 'delta') {
              update((t) => ({
                ...t,
                phase: t.phase === 'asking' ? 'streaming' : t.phase,
                text: t.text + event.text,
              }));
            } else {
              upsertMessage(queryClient, event.message);
              release();
              setTurn(null);
            }
          },
          onError(error) {
            if (listening.current !== own) return;
            listening.current = null;
            update((t) => ({ ...t, phase: 'failed', failure: askFailureOf(error) }));
          },
          onConnectionStateChange(state) {
            // tRPC resubscribes after a reconnect, which would ask the question again: stop listening instead.
            // The reply is stored all the same and comes back with the event stream's replay.
            if (listening.current !== own || state.state !== 'connecting' || !state.error) return;
            release();
            update((t) =>
              t.questionId === null
                ? { ...t, phase: 'failed', failure: askFailureOf(null) }
                : { ...t, phase: 'detached' },
            );
          },
        },
      );
      // Let go while subscribing (a state change reported at once): the subscription exists only now.
      if (listening.current !== own) own.subscription.unsubscribe();
    },
    [client, conversationId, queryClient, release],
  );

  /** Stops showing the reply as it is written; it arrives whole when stored. */
  const stop = useCallback(() => {
    release();
    setTurn((t) => (t ? { ...t, phase: 'detached' } : t));
  }, [release]);

  /** The stored reply arrived by another way (the event stream): the turn is over. */
  const settle = useCallback(() => {
    release();
    setTurn(null);
  }, [release]);

  return { turn, ask, stop, settle, dismiss: settle };
}
