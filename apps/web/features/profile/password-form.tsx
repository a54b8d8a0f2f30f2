'use client';

import { passwordProblem } from '@chatapp/domain/account-rules';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { FormAlert } from '../auth/form-alert';
import { Spinner } from '../people/spinner';
import { useFormFields } from './use-form-fields';

type PasswordField = 'current_password' | 'new_password';

const EMPTY: Record<PasswordField, string> = { current_password: '', new_password: '' };

function problemOf(field: PasswordField, value: string): string | null {
  if (field === 'new_password') return passwordProblem(value);
  return value ? null : 'Enter your current password';
}

/**
 * Changes the password (`auth.changePassword`). The server keeps this device signed in and signs out every other
 * one, and the message says so.
 */
export function PasswordForm({ username }: { username: string }) {
  const trpc = useTRPC();
  const [changed, setChanged] = useState(false);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        form.reset(EMPTY);
        setChanged(true);
      },
    }),
  );
  const form = useFormFields(EMPTY, problemOf, () => {
    setChanged(false);
    if (change.isError) change.reset();
  });

  // The new password passed the API's own rules here, so a refusal of the input is about the current password:
  // it is said under that field, where the user fixes it.
  const refusedCurrent = change.error?.data?.code === 'BAD_REQUEST' ? change.error.message : null;
  const current = form.bind('current_password');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.check()) return;
    change.mutate(form.values);
  }

  return (
    <form aria-labelledby="profile-password-heading" onSubmit={onSubmit} className="grid gap-3" noValidate>
      <h3 id="profile-password-heading" className="text-sm font-semibold text-accent">
        Password
      </h3>
      {change.error && !refusedCurrent && <FormAlert tone="error">{change.error.message}</FormAlert>}
      {changed && <FormAlert tone="info">Password changed. Other devices were signed out.</FormAlert>}
      {/* For password managers: which account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        {...current}
        problem={current.problem ?? refusedCurrent}
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="8+ characters with upper and lower case, a digit and a symbol"
        {...form.bind('new_password')}
      />
      <div className="flex justify-end">
        <Button type="submit" disabled={change.isPending} aria-busy={change.isPending || undefined}>
          {change.isPending && <Spinner />}
          Change password
        </Button>
      </div>
    </form>
  );
}
