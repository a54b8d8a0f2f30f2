'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useMemo, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { UserSummary } from '../../trpc/types';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { FormAlert } from '../auth/form-alert';
import { storeConversation } from './conversation-cache';
import { GROUP_TITLE_MAX } from './limits';
import { PeopleSearch } from './people-search';
import { PersonChip } from './person-chip';
import { PICKER_DIALOG_HEIGHT } from './picker-layout';
import { Spinner } from './spinner';
import { usePeopleSearch } from './use-people-search';

/** Creates a group: a name and the people in it (the viewer joins as its creator). */
export function NewGroupDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="New group" className={PICKER_DIALOG_HEIGHT}>
      {/* Mounted only while open: each opening starts with an empty form. */}
      <NewGroup onCreated={() => onOpenChange(false)} onCancel={() => onOpenChange(false)} />
    </Dialog>
  );
}

function NewGroup({ onCreated, onCancel }: { onCreated: () => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const search = usePeopleSearch();
  const [title, setTitle] = useState('');
  const [titleTouched, setTitleTouched] = useState(false);
  const [members, setMembers] = useState<UserSummary[]>([]);
  const chosen = useMemo(() => new Set(members.map((m) => m.id)), [members]);
  const create = useMutation(
    trpc.conversations.createGroup.mutationOptions({
      onSuccess: (conversation) => {
        storeConversation(queryClient, trpc, conversation);
        onCreated();
        router.push(`/c/${conversation.id}`);
      },
    }),
  );

  const name = title.trim();
  const ready = name.length > 0 && members.length > 0 && !create.isPending;

  // The results are toggles: picking someone already chosen takes them out again.
  const toggle = (person: UserSummary) =>
    setMembers((list) =>
      list.some((m) => m.id === person.id) ? list.filter((m) => m.id !== person.id) : [...list, person],
    );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTitleTouched(true);
    if (!ready) return;
    create.mutate({ title: name, user_ids: members.map((m) => m.id) });
  }

  return (
    <form aria-label="New group" onSubmit={onSubmit} className="flex h-full flex-col gap-4" noValidate>
      {create.error && <FormAlert tone="error">{create.error.message}</FormAlert>}
      <Field
        label="Group name"
        required
        maxLength={GROUP_TITLE_MAX}
        autoComplete="off"
        // Naming the group is the first thing to do here.
        autoFocus
        value={title}
        onChange={(event) => {
          setTitle(event.target.value);
          setTitleTouched(true);
        }}
        problem={titleTouched && !name ? 'Give the group a name' : null}
        hint={title.length > GROUP_TITLE_MAX - 20 ? `${title.length}/${GROUP_TITLE_MAX}` : undefined}
      />
      <section aria-label="Members" className="flex min-h-0 flex-1 flex-col gap-2">
        <div className="flex items-baseline justify-between gap-2">
          <h3 className="text-sm font-medium">Members</h3>
          <span className="text-xs text-muted">
            {members.length === 0 ? 'Choose at least one person' : `${members.length} chosen`}
          </span>
        </div>
        {members.length > 0 && (
          <ul aria-label="Chosen people" className="flex max-h-24 flex-wrap gap-1.5 overflow-y-auto">
            {members.map((person) => (
              <li key={person.id} className="max-w-full">
                <PersonChip person={person} onRemove={() => toggle(person)} disabled={create.isPending} />
              </li>
            ))}
          </ul>
        )}
        <PeopleSearch
          search={search}
          className="flex-1"
          onPick={toggle}
          selectedIds={chosen}
          disabled={create.isPending}
        />
      </section>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={!ready} aria-busy={create.isPending || undefined}>
          {create.isPending && <Spinner />}
          Create group
        </Button>
      </div>
    </form>
  );
}
