'use client';

import { emailProblem, nameProblem, passwordProblem, usernameProblem } from '@chatapp/domain/account-rules';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { NewPasswordField, UsernameField, useRuleFields, useSignInAndEnter } from './account-fields';
import { FormAlert } from './form-alert';
import { useHydrated } from './use-hydrated';

type FieldName = 'username' | 'email' | 'first_name' | 'last_name' | 'password';

/** The API's own rules (the same module the server checks with), so the form never disagrees with it. */
function problemOf(field: FieldName, value: string): string | null {
  switch (field) {
    case 'username':
      return usernameProblem(value.trim());
    case 'email':
      return emailProblem(value.trim());
    case 'password':
      return passwordProblem(value);
    case 'first_name':
      return value.trim() ? nameProblem('first', value.trim()) : null;
    case 'last_name':
      return value.trim() ? nameProblem('last', value.trim()) : null;
  }
}

const EMPTY: Record<FieldName, string> = {
  username: '',
  email: '',
  first_name: '',
  last_name: '',
  password: '',
};

export function SignUpForm() {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const { values, bind, checkAll } = useRuleFields(EMPTY, problemOf);
  const signInAndEnter = useSignInAndEnter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkAll()) return;
    setPending(true);
    setError(null);
    try {
      await signUp.mutateAsync({
        username: values.username.trim(),
        email: values.email.trim(),
        password: values.password,
        first_name: values.first_name.trim(),
        last_name: values.last_name.trim(),
      });
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : 'Could not create the account. Try again.');
      setPending(false);
      return;
    }
    await signInAndEnter(values.username.trim(), values.password);
  }

  return (
    <form
      aria-label="Create your account"
      method="post"
      onSubmit={onSubmit}
      className="grid gap-4"
      noValidate
    >
      <div>
        <h1 className="text-xl font-semibold">Create your account</h1>
        <p className="mt-1 text-sm text-muted">It takes a minute. Then find the people you talk to.</p>
      </div>
      {error && <FormAlert tone="error">{error}</FormAlert>}
      <div className="grid grid-cols-2 gap-3">
        <Field label="First name" autoComplete="given-name" {...bind('first_name')} />
        <Field label="Last name" autoComplete="family-name" {...bind('last_name')} />
      </div>
      <UsernameField {...bind('username')} />
      <Field label="Email" type="email" autoComplete="email" required {...bind('email')} />
      <NewPasswordField {...bind('password')} />
      <Button type="submit" disabled={!hydrated || pending} className="mt-1 h-11">
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-muted">
        Already have an account?{' '}
        <Link href="/sign-in" className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
