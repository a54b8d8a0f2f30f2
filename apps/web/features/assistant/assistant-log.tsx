'use client';

import { type ReactNode, useLayoutEffect, useRef } from 'react';
import type { Message } from '../../trpc/types';
import { AskingBubble, AssistantChatBubble, StreamingBubble } from './assistant-bubbles';
import type { Turn } from './use-assistant-stream';

/** Near enough to the bottom to keep following new text. */
const FOLLOW_THRESHOLD_PX = 80;

/**
 * The assistant chat's history, then the turn in flight. A chat with one reader and short runs needs no
 * virtualization; it follows new text (a reply growing) while the reader is at the bottom, and stays put when they
 * scrolled up to read.
 */
export function AssistantLog({
  messages,
  viewerId,
  turn,
  olderExists,
  loadingOlder,
  onLoadOlder,
  notice,
}: {
  messages: readonly Message[];
  viewerId: number;
  turn: Turn | null;
  olderExists: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  /** What the turn came to, under the last bubble (a failure with its retry, or "still writing"). */
  notice: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const height = useRef(0);

  // After each render: follow the bottom if the reader was there; when older messages came in above, keep what
  // the reader looks at where it was.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    if (following.current) box.scrollTop = box.scrollHeight;
    else if (box.scrollTop < 4 && box.scrollHeight > height.current)
      box.scrollTop += box.scrollHeight - height.current;
    height.current = box.scrollHeight;
  });

  const showQuestion = turn && turn.questionId === null && turn.phase !== 'failed';
  const showReply = turn && (turn.phase === 'asking' || turn.phase === 'streaming');

  return (
    <div
      ref={scroller}
      role="log"
      aria-label="Messages"
      onScroll={(event) => {
        const box = event.currentTarget;
        following.current = box.scrollHeight - box.scrollTop - box.clientHeight < FOLLOW_THRESHOLD_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto pt-3 pb-2"
    >
      {olderExists && (
        <div className="flex justify-center pb-3">
          <button
            type="button"
            onClick={onLoadOlder}
            disabled={loadingOlder}
            className="rounded-full bg-surface px-3 py-1 text-xs font-medium text-accent-strong shadow-sm hover:bg-surface-2 disabled:opacity-60"
          >
            {loadingOlder ? 'Loading…' : 'Show earlier messages'}
          </button>
        </div>
      )}
      {messages.map((message) => (
        <AssistantChatBubble key={message.id} message={message} own={message.sender_id === viewerId} />
      ))}
      {showQuestion && <AskingBubble text={turn.question} />}
      {showReply && <StreamingBubble text={turn.text} />}
      {notice}
    </div>
  );
}
