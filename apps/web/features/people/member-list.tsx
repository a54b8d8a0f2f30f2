'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserMinus } from 'lucide-react';
import { lastSeen } from '../../lib/time';
import { useTRPC } from '../../trpc/react';
import type { Conversation } from '../../trpc/types';
import { displayName } from '../../ui/avatar';
import { cn } from '../../ui/cn';
import { IconButton } from '../../ui/icon-button';
import { FormAlert } from '../auth/form-alert';
import { usePresence } from '../presence/use-presence';
import { storeConversation } from './conversation-cache';
import { Badge, PersonLine } from './person-line';
import { Spinner } from './spinner';

/**
 * A group's members in join order: picture with the presence dot, name, "you" and "admin" labels, online or last
 * seen. The creator (the only one the API lets remove others) gets a remove button on everyone else's row.
 */
export function MemberList({ conversation, viewerId }: { conversation: Conversation; viewerId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const presence = usePresence();
  const remove = useMutation(
    trpc.conversations.removeMember.mutationOptions({
      onSuccess: (result) => {
        if (result.conversation) storeConversation(queryClient, trpc, result.conversation);
      },
    }),
  );
  const viewerIsCreator = conversation.created_by === viewerId;
  const removing = remove.isPending ? remove.variables.user_id : null;
  // The viewer first (as messengers list "you"), then everyone else in join order.
  const members = [
    ...conversation.members.filter((m) => m.id === viewerId),
    ...conversation.members.filter((m) => m.id !== viewerId),
  ];

  return (
    <section aria-labelledby="group-members-heading" className="grid gap-1">
      <h3 id="group-members-heading" className="px-2 text-sm font-semibold text-accent">
        Members
      </h3>
      {remove.error && <FormAlert tone="error">{remove.error.message}</FormAlert>}
      <ul className="grid gap-0.5">
        {members.map((member) => {
          const isViewer = member.id === viewerId;
          const seen = presence(member.id);
          const online = isViewer || seen.online;
          const name = displayName(member);
          return (
            <li key={member.id} className="flex items-center gap-3 px-2 py-2">
              <PersonLine
                person={member}
                online={!isViewer && seen.online}
                badges={
                  <>
                    {isViewer && <Badge>you</Badge>}
                    {member.id === conversation.created_by && <Badge tone="accent">admin</Badge>}
                  </>
                }
                detail={
                  <span className={cn(online && 'text-accent')}>
                    {online ? 'online' : lastSeen(seen.lastSeenAt)}
                  </span>
                }
              />
              {viewerIsCreator && !isViewer && (
                <IconButton
                  label={`Remove ${name}`}
                  tooltipSide="left"
                  disabled={removing !== null}
                  onClick={() => remove.mutate({ conversation_id: conversation.id, user_id: member.id })}
                  className="hover:bg-danger-soft hover:text-danger"
                >
                  {removing === member.id ? <Spinner /> : <UserMinus className="size-5" aria-hidden />}
                </IconButton>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
