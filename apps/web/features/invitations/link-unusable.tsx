import { LinkIcon } from 'lucide-react';
import Link from 'next/link';

/**
 * A link that is expired or already used. The API does not say which (a link never tells anything about itself once
 * it is spent), so the page offers the way on for both: sign in if the password was chosen, else ask again.
 */
export function LinkUnusable() {
  return (
    <div className="grid gap-4 text-center">
      <span className="mx-auto flex size-12 items-center justify-center rounded-full bg-danger-soft text-danger">
        <LinkIcon className="size-6" aria-hidden />
      </span>
      <div role="alert">
        <h1 className="text-xl font-semibold">This invitation link no longer works</h1>
        <p className="mt-2 text-sm text-muted">
          It has expired or has already been used: each link works once, for a few days.
        </p>
      </div>
      <p className="text-sm">
        Already chose your password?{' '}
        <Link href="/sign-in" className="font-medium text-accent-strong hover:underline">
          Sign in
        </Link>
      </p>
      <p className="text-sm text-muted">If not, ask the person who invited you to get in touch.</p>
    </div>
  );
}
