'use client';

import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, getMe, logIn, logOut, type Me } from './api';
import { clearToken, readToken, writeToken } from './token-store';

type Session =
  | { kind: 'signed-out' }
  | { kind: 'restoring' }
  | { kind: 'signed-in'; user: Me; token: string };

function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Could not reach the server. Try again.';
}

/** Sign-in form, or who is signed in plus a sign-out button. */
export function SignIn() {
  const [session, setSession] = useState<Session>({ kind: 'signed-out' });
  // Until hydration the button stays disabled, so a quick click cannot submit the form natively.
  const [hydrated, setHydrated] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Resume a stored session. Runs only in the browser; the prerendered HTML always shows the form.
  useEffect(() => {
    setHydrated(true);
    const token = readToken();
    if (!token) return;
    let cancelled = false; // strict mode runs effects twice in dev; the first run's answer is dropped
    setSession({ kind: 'restoring' });
    getMe(token).then(
      (user) => {
        if (!cancelled) setSession({ kind: 'signed-in', user, token });
      },
      (reason: unknown) => {
        if (cancelled) return;
        // Only a rejected token is forgotten; a network blip keeps it for the next visit.
        if (reason instanceof ApiError && reason.status === 401) clearToken();
        setSession({ kind: 'signed-out' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const identifier = String(form.get('identifier') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setPending(true);
    setError(null);
    try {
      const { token } = await logIn(identifier, password);
      writeToken(token);
      setSession({ kind: 'signed-in', user: await getMe(token), token });
    } catch (reason) {
      clearToken();
      setError(describe(reason));
    } finally {
      setPending(false);
    }
  }

  async function onSignOut(token: string) {
    setPending(true);
    setError(null);
    try {
      await logOut(token);
    } catch (reason) {
      // A 401 means the token was already dead: signed out either way.
      if (!(reason instanceof ApiError && reason.status === 401)) setError(describe(reason));
    } finally {
      // Forget the token locally even if the server could not revoke it: the user asked to leave.
      clearToken();
      setSession({ kind: 'signed-out' });
      setPending(false);
    }
  }

  if (session.kind === 'restoring') return <p className="panel">Restoring your session…</p>;

  if (session.kind === 'signed-in') {
    return (
      <section className="panel" aria-label="Session">
        <p role="status">Signed in as {session.user.username}</p>
        <button type="button" onClick={() => onSignOut(session.token)} disabled={pending}>
          Sign out
        </button>
      </section>
    );
  }

  return (
    // method="post" keeps credentials out of the URL should the form ever submit without JavaScript.
    <form className="panel" aria-label="Sign in" method="post" onSubmit={onSubmit}>
      <label>
        Username or email
        <input name="identifier" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={!hydrated || pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
