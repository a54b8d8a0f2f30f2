'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '../../trpc/react';
import { Dialog } from '../../ui/dialog';
import { FormAlert } from '../auth/form-alert';
import { InviteByEmail } from '../invitations/invite-by-email';
import { looksLikeEmail } from '../invitations/looks-like-email';
import { storeConversation } from './conversation-cache';
import { PeopleSearch } from './people-search';
import { PICKER_DIALOG_HEIGHT } from './picker-layout';
import { usePeopleSearch } from './use-people-search';

/** Opens a one-to-one chat with someone found by a server-side search (the existing one if the pair has one). */
export function NewChatDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New chat" className={PICKER_DIALOG_HEIGHT}>
      {/* Mounted only while open: each opening starts with an empty search. */}
      <NewChat onOpened={() => onOpenChange(false)} />
    </Dialog>
  );
}

function NewChat({ onOpened }: { onOpened: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const search = usePeopleSearch();
  const openDirect = useMutation(
    trpc.conversations.openDirect.mutationOptions({
      onSuccess: ({ conversation }) => {
        storeConversation(queryClient, trpc, conversation);
        onOpened();
        router.push(`/c/${conversation.id}`);
      },
    }),
  );

  // Nobody matched, or an address that is nobody's here: offer to invite them.
  const { state, query } = search;
  const offerInvite =
    state.kind === 'empty' ||
    (looksLikeEmail(query) &&
      state.kind === 'found' &&
      !state.people.some((p) => p.email.toLowerCase() === query.trim().toLowerCase()));

  return (
    <div className="flex h-full flex-col gap-3">
      {openDirect.error && <FormAlert tone="error">{openDirect.error.message}</FormAlert>}
      <PeopleSearch
        search={search}
        autoFocus
        className="flex-1"
        onPick={(person) => openDirect.mutate({ user_id: person.id })}
        busyId={openDirect.isPending ? openDirect.variables.user_id : null}
        disabled={openDirect.isPending}
      />
      {offerInvite && (
        <InviteByEmail
          query={query}
          busy={openDirect.isPending}
          onOpenChat={(person) => openDirect.mutate({ user_id: person.id })}
        />
      )}
    </div>
  );
}
