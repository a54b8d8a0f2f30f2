'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { TOO_MANY_ATTEMPTS } from '../../auth/env';
import { EXPIRED_REASON } from '../../auth/session-expiry';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { FormAlert } from './form-alert';
import { useHydrated } from './use-hydrated';

function signInErrorText(error: string | null | undefined): string {
  if (error === 'CredentialsSignin') return 'Wrong username, email or password.';
  if (error === TOO_MANY_ATTEMPTS) return 'Too many sign-in attempts. Wait a minute, then try again.';
  return 'Could not sign in. Try again.';
}

/** Signs in through next-auth, which calls the API's `auth.logIn` and keeps the token in the session. */
export function SignInForm() {
  const router = useRouter();
  const expired = useSearchParams().get('reason') === EXPIRED_REASON;
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        redirect: false,
        identifier: String(form.get('identifier') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      if (result?.ok) {
        router.replace('/');
        router.refresh();
        return;
      }
      setError(signInErrorText(result?.error));
    } catch {
      setError('Could not reach the server. Try again.');
    }
    setPending(false);
  }

  return (
    // method="post" keeps credentials out of the URL should the form ever submit without JavaScript.
    <form aria-label="Sign in" method="post" onSubmit={onSubmit} className="grid gap-4">
      <div>
        <h1 className="text-xl font-semibold">Welcome back</h1>
        <p className="mt-1 text-sm text-muted">Sign in to pick up your conversations where you left them.</p>
      </div>
      {expired && !error && (
        <FormAlert tone="info">
          Your session has ended (signed out elsewhere or expired). Sign in again.
        </FormAlert>
      )}
      {error && <FormAlert tone="error">{error}</FormAlert>}
      <Field label="Username or email" name="identifier" autoComplete="username" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" disabled={!hydrated || pending} className="mt-1 h-11">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      <p className="text-center text-sm text-muted">
        New here?{' '}
        <Link href="/sign-up" className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
