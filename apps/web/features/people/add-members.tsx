'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { Conversation } from '../../trpc/types';
import { displayName } from '../../ui/avatar';
import { Button } from '../../ui/button';
import { FormAlert } from '../auth/form-alert';
import { storeConversation } from './conversation-cache';
import { PeopleSearch } from './people-search';
import { usePeopleSearch } from './use-people-search';

/**
 * "Add members": a people search without the current members; picking someone adds them at once (and they drop
 * out of the results), so several can be added in a row.
 */
export function AddMembers({ conversation }: { conversation: Conversation }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [searching, setSearching] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const memberIds = useMemo(() => new Set(conversation.members.map((m) => m.id)), [conversation.members]);
  const search = usePeopleSearch(memberIds);
  const add = useMutation(
    trpc.conversations.addMembers.mutationOptions({
      onSuccess: (result) => storeConversation(queryClient, trpc, result.conversation),
    }),
  );

  if (!searching) {
    return (
      <button
        type="button"
        onClick={() => setSearching(true)}
        className="flex w-full items-center gap-3 rounded-xl px-2 py-2 font-medium text-accent-strong transition-colors hover:bg-surface-2"
      >
        <span className="flex size-10 items-center justify-center rounded-full bg-accent-soft">
          <UserPlus className="size-5" aria-hidden />
        </span>
        Add members
      </button>
    );
  }

  return (
    <section aria-label="Add members" className="grid gap-2 rounded-xl border border-border p-3">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">Add members</h3>
        <Button variant="ghost" className="h-8 px-3" onClick={() => setSearching(false)}>
          Done
        </Button>
      </div>
      {add.error && <FormAlert tone="error">{add.error.message}</FormAlert>}
      {added && !add.error && <FormAlert tone="info">{added}</FormAlert>}
      <PeopleSearch
        search={search}
        autoFocus
        className="max-h-80"
        busyId={add.isPending ? (add.variables.user_ids[0] ?? null) : null}
        disabled={add.isPending}
        onPick={(person) =>
          add.mutate(
            { conversation_id: conversation.id, user_ids: [person.id] },
            { onSuccess: () => setAdded(`${displayName(person)} was added to the group.`) },
          )
        }
      />
    </section>
  );
}
