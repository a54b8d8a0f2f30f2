import { memo, type ReactNode } from 'react';
import { clockTime } from '../../lib/time';
import type { Message } from '../../trpc/types';
import { cn } from '../../ui/cn';
import { messageSummary } from '../conversations/describe';
import { BubbleFrame } from '../messages/bubble-frame';
import { Markdown } from './markdown';

/** A stored message of the assistant chat: the person's own as they wrote it, the assistant's as markdown. */
export const AssistantChatBubble = memo(function AssistantChatBubble({
  message,
  own,
}: {
  message: Message;
  own: boolean;
}) {
  const deleted = message.status === 'delete';
  return (
    <Row own={own}>
      <BubbleFrame own={own} tail>
        {deleted ? (
          <p className="text-muted italic">Message deleted</p>
        ) : own || message.type !== 'text' ? (
          <p className="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">
            {messageSummary(message)}
          </p>
        ) : (
          <Markdown text={message.body} />
        )}
        <p className="mt-0.5 text-right text-[11px] leading-4 text-muted">
          <time dateTime={message.created_at}>{clockTime(message.created_at)}</time>
        </p>
      </BubbleFrame>
    </Row>
  );
});

/** The reply while it is written: what has come so far, with a caret; three dots before the first words. */
export function StreamingBubble({ text }: { text: string }) {
  return (
    <Row own={false}>
      <BubbleFrame own={false} tail>
        <div aria-busy="true" data-testid="assistant-streaming">
          {text ? (
            <div className="[&>div>*:last-child]:after:ml-0.5 [&>div>*:last-child]:after:inline-block [&>div>*:last-child]:after:h-4 [&>div>*:last-child]:after:w-1.5 [&>div>*:last-child]:after:translate-y-0.5 [&>div>*:last-child]:after:animate-pulse [&>div>*:last-child]:after:rounded-sm [&>div>*:last-child]:after:bg-accent [&>div>*:last-child]:after:content-['']">
              <Markdown text={text} />
            </div>
          ) : (
            <span
              className="flex h-[21px] items-center gap-1"
              role="img"
              aria-label="The assistant is writing"
            >
              {[0, 150, 300].map((delay) => (
                <span
                  key={delay}
                  className="size-1.5 animate-bounce rounded-full bg-muted"
                  style={{ animationDelay: `${delay}ms` }}
                />
              ))}
            </span>
          )}
        </div>
      </BubbleFrame>
    </Row>
  );
}

/** The question while the server stores it: the person's bubble at once, dimmed until it is stored. */
export function AskingBubble({ text }: { text: string }) {
  return (
    <Row own>
      <BubbleFrame own tail className="opacity-70">
        <p className="break-words whitespace-pre-wrap [overflow-wrap:anywhere]">{text}</p>
      </BubbleFrame>
    </Row>
  );
}

function Row({ own, children }: { own: boolean; children: ReactNode }) {
  return (
    <div className={cn('flex px-3 pb-2 sm:px-6', own ? 'justify-end' : 'justify-start')}>
      <div className={cn('flex max-w-[min(85%,42rem)] min-w-0 flex-col', own ? 'items-end' : 'items-start')}>
        {children}
      </div>
    </div>
  );
}
