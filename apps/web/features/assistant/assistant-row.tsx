'use client';

import Link from 'next/link';
import { listTime } from '../../lib/time';
import type { Conversation } from '../../trpc/types';
import { cn } from '../../ui/cn';
import { previewLine } from '../conversations/describe';
import { AssistantAvatar } from './assistant-avatar';

/**
 * The assistant's chat, pinned above the others with a look of its own. Before the chat exists it links to
 * /assistant, which creates it (with its greeting) on first open.
 */
export function AssistantRow({
  conversation,
  viewerId,
  active,
}: {
  conversation: Conversation | undefined;
  viewerId: number;
  active: boolean;
}) {
  const unread = conversation?.unread_count ?? 0;
  const time = conversation ? (conversation.last_message?.created_at ?? conversation.last_activity_at) : null;
  return (
    <Link
      href={conversation ? `/c/${conversation.id}` : '/assistant'}
      // /assistant only redirects (creating the chat): nothing worth fetching ahead of a click.
      prefetch={conversation ? null : false}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'flex items-center gap-3 rounded-xl px-2 py-2 transition-colors',
        active ? 'bg-accent-soft' : 'hover:bg-surface-2',
      )}
    >
      <AssistantAvatar size={48} />
      <span className="grid min-w-0 flex-1 grid-cols-1 gap-0.5">
        <span className="flex items-baseline gap-2">
          <span className="flex min-w-0 flex-1 items-center gap-1.5 truncate font-semibold">
            <span className="truncate">Assistant</span>
            <span className="shrink-0 rounded bg-accent-soft px-1 text-[10px] leading-4 font-semibold tracking-wide text-accent-strong uppercase">
              AI
            </span>
          </span>
          {time && (
            <time
              dateTime={time}
              className={cn('shrink-0 text-xs', unread > 0 ? 'font-semibold text-accent' : 'text-muted')}
            >
              {listTime(time)}
            </time>
          )}
        </span>
        <span className="flex items-center gap-2">
          <span className="min-w-0 flex-1 truncate text-sm text-muted">
            {conversation?.last_message ? previewLine(conversation, viewerId) : 'Ask me anything'}
          </span>
          {unread > 0 && (
            <span className="flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-accent px-1.5 text-xs font-semibold text-on-accent">
              {unread > 99 ? '99+' : unread}
              <span className="sr-only"> unread</span>
            </span>
          )}
        </span>
      </span>
    </Link>
  );
}
