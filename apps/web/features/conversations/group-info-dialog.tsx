'use client';

import type { Conversation } from '../../trpc/types';
import { Avatar } from '../../ui/avatar';
import { Dialog } from '../../ui/dialog';
import { useMessenger } from '../messenger/runtime';
import { AddMembers } from '../people/add-members';
import { LeaveGroup } from '../people/leave-group';
import { MemberList } from '../people/member-list';
import { usePresence } from '../presence/use-presence';
import { groupAvatar, groupMembersLine } from './describe';

/**
 * A group's title and members: add people (anyone in the group may), remove them (the creator only), leave. The
 * list cache is updated from each answer; the `conversation.changed` event refreshes it on every other device.
 */
export function GroupInfoDialog({
  conversation,
  open,
  onOpenChange,
}: {
  conversation: Conversation;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Group info">
      <GroupInfo conversation={conversation} onLeft={() => onOpenChange(false)} />
    </Dialog>
  );
}

function GroupInfo({ conversation, onLeft }: { conversation: Conversation; onLeft: () => void }) {
  const { viewerId } = useMessenger();
  const presence = usePresence();
  return (
    <div className="grid gap-4">
      <div className="flex items-center gap-4 px-2">
        <Avatar person={groupAvatar(conversation)} size={64} />
        <div className="min-w-0">
          <p className="text-lg leading-tight font-semibold break-words">{conversation.title}</p>
          <p className="mt-1 text-sm text-muted">
            {groupMembersLine(conversation, (id) => presence(id).online)}
          </p>
        </div>
      </div>
      <div className="-mx-2 grid gap-2 border-t border-border px-0 pt-3">
        <AddMembers conversation={conversation} />
        <MemberList conversation={conversation} viewerId={viewerId} />
      </div>
      <div className="-mx-2 border-t border-border pt-3">
        <LeaveGroup conversation={conversation} onLeft={onLeft} />
      </div>
    </div>
  );
}
