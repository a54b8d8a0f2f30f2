'use client';

import { memo } from 'react';
import { mediaPath } from '../../lib/media';
import { Avatar, displayName } from '../../ui/avatar';
import { cn } from '../../ui/cn';
import type { Reach } from '../receipts/use-receipts';
import { MessageBubble } from './message-bubble';
import { PendingBubble } from './pending-bubble';
import type { TimelineItem } from './timeline';

/**
 * One row: own messages on the right, others' on the left; in groups, the sender's name above the first bubble of
 * a run and their picture beside the last.
 */
export const MessageRow = memo(function MessageRow({
  item,
  isGroup,
  viewerId,
  reach,
  showReadBy,
}: {
  item: TimelineItem;
  isGroup: boolean;
  viewerId: number;
  reach: Reach | null;
  showReadBy: boolean;
}) {
  const own = item.senderId === viewerId;
  const sender = item.kind === 'message' ? item.message.sender : null;
  const withAvatar = isGroup && !own;
  return (
    <div
      className={cn(
        'flex items-end gap-2 px-3 sm:px-6',
        own ? 'justify-end' : 'justify-start',
        // The gap between runs sits under a run's last row, not over the next run's first: a row's own top
        // then never depends on the row before it, which may be in an older page that is not loaded yet.
        item.endsRun ? 'pb-2' : 'pb-0.5',
      )}
    >
      {withAvatar && (
        <div className="w-8 shrink-0">
          {item.endsRun && sender && <Avatar person={sender} src={mediaPath(sender.profile)} size={32} />}
        </div>
      )}
      <div className={cn('flex max-w-[min(75%,38rem)] min-w-0 flex-col', own ? 'items-end' : 'items-start')}>
        {withAvatar && item.startsRun && sender && (
          <span className="mb-0.5 ml-3 text-xs font-semibold text-accent-strong">{displayName(sender)}</span>
        )}
        {item.kind === 'message' ? (
          <MessageBubble
            message={item.message}
            own={own}
            tail={item.endsRun}
            reach={reach}
            isGroup={isGroup}
            showReadBy={showReadBy}
          />
        ) : (
          <PendingBubble pending={item.pending} tail={item.endsRun} />
        )}
      </div>
    </div>
  );
});
