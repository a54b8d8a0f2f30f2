'use client';

import { BellOff, Info } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { mediaPath } from '../../lib/media';
import { lastSeen } from '../../lib/time';
import type { Conversation } from '../../trpc/types';
import { Avatar } from '../../ui/avatar';
import { cn } from '../../ui/cn';
import { IconButton } from '../../ui/icon-button';
import { useOpenedOnce } from '../../ui/use-opened-once';
import { conversationName, groupAvatar, groupMembersLine, partnerOf } from '../conversations/describe';
import { useTypingUsers } from '../messenger/use-typing';
import { ConversationMenu } from '../notifications/conversation-menu';
import { usePresence } from '../presence/use-presence';
import { PaneHeaderFrame } from './pane-header-frame';

// Opened by a click: loaded then, not with the page.
const GroupInfoDialog = dynamic(() =>
  import('../conversations/group-info-dialog').then((m) => m.GroupInfoDialog),
);

/** Name, picture and a live status line: "online", "last seen …", "Alice is typing…", "4 members, 2 online". */
export function PaneHeader({
  conversationId,
  conversation,
}: {
  conversationId: number;
  conversation: Conversation | undefined;
}) {
  const presence = usePresence();
  const typingIds = useTypingUsers(conversationId);
  const [infoOpen, setInfoOpen] = useState(false);
  const infoMounted = useOpenedOnce(infoOpen);
  const partner = conversation ? partnerOf(conversation) : null;

  let status = '';
  let statusLive = false;
  if (conversation) {
    const typists = typingIds
      .map((id) => conversation.members.find((m) => m.id === id))
      .filter((m): m is NonNullable<typeof m> => Boolean(m));
    if (typists.length > 0) {
      statusLive = true;
      const names = typists.map((t) => t.first_name || t.username);
      status =
        names.length === 1
          ? conversation.is_group
            ? `${names[0]} is typing…`
            : 'typing…'
          : `${names.slice(0, 2).join(' and ')}${names.length > 2 ? ' and others' : ''} are typing…`;
    } else if (partner) {
      const seen = presence(partner.id);
      status = seen.online ? 'online' : lastSeen(seen.lastSeenAt);
      statusLive = seen.online;
    } else if (conversation.is_group) {
      status = groupMembersLine(conversation, (id) => presence(id).online);
    }
  }

  return (
    <PaneHeaderFrame>
      {conversation ? (
        <>
          <Avatar person={partner ?? groupAvatar(conversation)} src={mediaPath(partner?.profile)} size={40} />
          <div className="min-w-0 flex-1">
            <div className="flex min-w-0 items-center gap-1.5">
              <h2 className="truncate text-[15px] leading-tight font-semibold">
                {conversationName(conversation)}
              </h2>
              {conversation.muted && (
                <BellOff className="size-3.5 shrink-0 text-muted" role="img" aria-label="Muted" />
              )}
            </div>
            <p
              className={cn('truncate text-xs', statusLive ? 'text-accent' : 'text-muted')}
              aria-live="polite"
              data-testid="conversation-status"
            >
              {status}
            </p>
          </div>
          {conversation.is_group && (
            <>
              <IconButton label="Group info" onClick={() => setInfoOpen(true)}>
                <Info className="size-5" aria-hidden />
              </IconButton>
              {infoMounted && (
                <GroupInfoDialog conversation={conversation} open={infoOpen} onOpenChange={setInfoOpen} />
              )}
            </>
          )}
          <ConversationMenu conversation={conversation} />
        </>
      ) : (
        <div className="flex flex-1 items-center gap-3">
          <span className="size-10 animate-pulse rounded-full bg-surface-3" />
          <span className="h-3 w-40 animate-pulse rounded bg-surface-3" />
        </div>
      )}
    </PaneHeaderFrame>
  );
}
