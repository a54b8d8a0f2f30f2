'use client';

import { passwordProblem, usernameProblem } from '@chatapp/domain/account-rules';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import { Button } from '../../ui/button';
import { NewPasswordField, UsernameField, useRuleFields, useSignInAndEnter } from '../auth/account-fields';
import { FormAlert } from '../auth/form-alert';
import { useHydrated } from '../auth/use-hydrated';

type FieldName = 'username' | 'password';

/** The sign-up form's rules (the module the server checks with), shown as the invitee types. */
function problemOf(field: FieldName, value: string): string | null {
  return field === 'username' ? usernameProblem(value.trim()) : passwordProblem(value);
}

/**
 * The invitee picks a username and a password: `invitations.accept` sets both and spends the link, then next-auth
 * signs in with them (the web session's cookie is next-auth's, so the token that accept returns is not kept).
 */
export function ChoosePasswordForm({
  token,
  email,
  invitedBy,
  onLinkUnusable,
}: {
  token: string;
  email: string;
  invitedBy: string | null;
  onLinkUnusable: () => void;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const { values, bind, checkAll } = useRuleFields<FieldName>({ username: '', password: '' }, problemOf);
  const signInAndEnter = useSignInAndEnter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkAll()) return;
    const username = values.username.trim();
    setPending(true);
    setError(null);
    try {
      await accept.mutateAsync({ token, password: values.password, username });
    } catch (reason) {
      setPending(false);
      const message = reason instanceof Error ? reason.message : '';
      // Spent or expired meanwhile (another tab, or the link's time ran out while the form was open).
      if (/expired or has already been used/.test(message)) return onLinkUnusable();
      setError(message || 'Could not set your password. Try again.');
      return;
    }
    // The password is set; the token accept returned is not kept (the web session is next-auth's).
    await signInAndEnter(username, values.password);
  }

  return (
    <form aria-label="Join ChatApp" method="post" onSubmit={onSubmit} className="grid gap-4" noValidate>
      <div>
        <h1 className="text-xl font-semibold">
          {invitedBy ? `${invitedBy} invited you to ChatApp` : 'You are invited to ChatApp'}
        </h1>
        <p className="mt-1 text-sm text-muted">
          Choose a username and a password for <span className="font-medium text-text">{email}</span>, and you
          are in.
        </p>
      </div>
      {error && <FormAlert tone="error">{error}</FormAlert>}
      <UsernameField {...bind('username')} />
      <NewPasswordField {...bind('password')} />
      <Button type="submit" disabled={!hydrated || pending} className="mt-1 h-11">
        {pending ? 'Joining…' : 'Join ChatApp'}
      </Button>
    </form>
  );
}
