'use client';

import { BellOff, Users } from 'lucide-react';
import Link from 'next/link';
import { memo } from 'react';
import { mediaPath } from '../../lib/media';
import { listTime } from '../../lib/time';
import type { Conversation } from '../../trpc/types';
import { Avatar } from '../../ui/avatar';
import { cn } from '../../ui/cn';
import { usePrefetchHistory } from '../messages/use-history';
import { useTypingUsers } from '../messenger/use-typing';
import { ConversationRowMenu } from '../notifications/conversation-menu';
import { conversationName, groupAvatar, partnerOf, previewLine } from './describe';

/** One conversation in the list: picture, name, time, a preview line, the unread badge and presence. */
export const ConversationRow = memo(function ConversationRow({
  conversation,
  viewerId,
  active,
  online,
}: {
  conversation: Conversation;
  viewerId: number;
  active: boolean;
  online: boolean | undefined;
}) {
  const name = conversationName(conversation);
  const partner = partnerOf(conversation);
  const typing = useTypingUsers(conversation.id).length > 0;
  const unread = conversation.unread_count;
  const time = conversation.last_message?.created_at ?? conversation.last_activity_at;
  const prefetchHistory = usePrefetchHistory(conversation.id);
  return (
    // The menu sits beside the link, not in it (a button inside a link is neither valid nor reachable).
    <div className="group relative">
      <Link
        href={`/c/${conversation.id}`}
        onMouseEnter={prefetchHistory}
        onFocus={prefetchHistory}
        onPointerDown={prefetchHistory}
        aria-current={active ? 'page' : undefined}
        className={cn(
          'flex items-center gap-3 rounded-xl px-2 py-2 transition-colors',
          active ? 'bg-accent-soft' : 'hover:bg-surface-2',
        )}
      >
        <Avatar
          person={partner ?? groupAvatar(conversation)}
          src={mediaPath(partner?.profile)}
          size={48}
          online={online}
        />
        <span className="grid min-w-0 flex-1 grid-cols-1 gap-0.5">
          <span className="flex items-baseline gap-2">
            <span className="flex min-w-0 flex-1 items-center gap-1.5 truncate font-semibold">
              {conversation.is_group && <Users className="size-3.5 shrink-0 text-muted" aria-label="Group" />}
              <span className="truncate">{name}</span>
              {conversation.muted && (
                <BellOff className="size-3.5 shrink-0 text-muted" role="img" aria-label="Muted" />
              )}
            </span>
            <time
              dateTime={time}
              className={cn(
                'shrink-0 text-xs',
                unread > 0 && !conversation.muted ? 'font-semibold text-accent' : 'text-muted',
              )}
            >
              {listTime(time)}
            </time>
          </span>
          {/* Room for the menu's chevron where it shows (hover, keyboard, touch). */}
          <span className="flex items-center gap-2 group-has-focus-visible:pr-7 group-hover:pr-7 pointer-coarse:pr-7">
            <span className={cn('min-w-0 flex-1 truncate text-sm', typing ? 'text-accent' : 'text-muted')}>
              {typing ? 'typing…' : previewLine(conversation, viewerId)}
            </span>
            {unread > 0 && (
              <span
                className={cn(
                  'flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full px-1.5 text-xs font-semibold',
                  // A muted conversation's count stays visible, in grey: there, but not calling.
                  conversation.muted ? 'bg-surface-3 text-muted' : 'bg-accent text-on-accent',
                )}
              >
                {unread > 99 ? '99+' : unread}
                <span className="sr-only"> unread</span>
              </span>
            )}
          </span>
        </span>
      </Link>
      <span className="absolute right-2 bottom-2.5">
        <ConversationRowMenu conversation={conversation} name={name} />
      </span>
    </div>
  );
});
