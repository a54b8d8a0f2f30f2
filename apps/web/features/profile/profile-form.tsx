'use client';

import { emailProblem, nameProblem, usernameProblem } from '@chatapp/domain/account-rules';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { Account } from '../../trpc/types';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { FormAlert } from '../auth/form-alert';
import { Spinner } from '../people/spinner';
import { useFormFields } from './use-form-fields';

type DetailField = 'first_name' | 'last_name' | 'username' | 'email';

/** The API's own rules (the module the server checks with): names may be emptied, username and email not. */
function problemOf(field: DetailField, value: string): string | null {
  const text = value.trim();
  switch (field) {
    case 'username':
      return usernameProblem(text);
    case 'email':
      return emailProblem(text);
    case 'first_name':
      return text ? nameProblem('first', text) : null;
    case 'last_name':
      return text ? nameProblem('last', text) : null;
  }
}

const detailsOf = (account: Account): Record<DetailField, string> => ({
  first_name: account.first_name,
  last_name: account.last_name,
  username: account.username,
  email: account.email,
});

/** The fields that differ from the stored account: only those are sent (an empty update is an API error). */
function changesOf(
  values: Record<DetailField, string>,
  account: Account,
): Partial<Record<DetailField, string>> {
  const stored = detailsOf(account);
  const changes: Partial<Record<DetailField, string>> = {};
  for (const field of Object.keys(stored) as DetailField[]) {
    const value = values[field].trim();
    if (value !== stored[field]) changes[field] = value;
  }
  return changes;
}

/** Name, username and email, prefilled from the account and checked as the user types. */
export function ProfileForm({ account }: { account: Account }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const update = useMutation(
    trpc.users.updateMe.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.users.me.queryKey(), next);
        // Our name shows in the members of our conversations too.
        void queryClient.invalidateQueries({ queryKey: trpc.conversations.list.queryKey() });
        form.reset(detailsOf(next));
        setSaved(true);
      },
    }),
  );
  const form = useFormFields(detailsOf(account), problemOf, () => {
    setSaved(false);
    if (update.isError) update.reset();
  });
  const changes = changesOf(form.values, account);
  const changed = Object.keys(changes).length > 0;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.check() || !changed) return;
    update.mutate(changes);
  }

  return (
    <form aria-labelledby="profile-details-heading" onSubmit={onSubmit} className="grid gap-3" noValidate>
      <h3 id="profile-details-heading" className="text-sm font-semibold text-accent">
        Details
      </h3>
      {update.error && <FormAlert tone="error">{update.error.message}</FormAlert>}
      {saved && <FormAlert tone="info">Profile saved</FormAlert>}
      {/* size=1 drops the inputs' intrinsic width, so two fit side by side on a 360 px screen; content-start
          keeps a field in place when the rule under its neighbour adds lines. */}
      <div className="grid grid-cols-2 gap-3">
        <Field
          label="First name"
          autoComplete="given-name"
          size={1}
          className="min-w-0 content-start"
          {...form.bind('first_name')}
        />
        <Field
          label="Last name"
          autoComplete="family-name"
          size={1}
          className="min-w-0 content-start"
          {...form.bind('last_name')}
        />
      </div>
      <Field
        label="Username"
        autoComplete="username"
        required
        hint="Starts with a letter; letters, digits, '.' and '_'"
        {...form.bind('username')}
      />
      <Field label="Email" type="email" autoComplete="email" required {...form.bind('email')} />
      <div className="flex justify-end">
        <Button
          type="submit"
          disabled={!changed || update.isPending}
          aria-busy={update.isPending || undefined}
        >
          {update.isPending && <Spinner />}
          Save profile
        </Button>
      </div>
    </form>
  );
}
