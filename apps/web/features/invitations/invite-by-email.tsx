'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { MailPlus, MessageCircle } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import type { UserSummary } from '../../trpc/types';
import { Button } from '../../ui/button';
import { cn } from '../../ui/cn';
import { looksLikeEmail } from './looks-like-email';
import { trpcErrorCode } from './trpc-error-code';

/**
 * "Not on ChatApp yet?": invites an address (`invitations.create`), which mails them a link to choose a password.
 * Shows the API's answer: sent, an invalid address, too many invitations, or someone already here, with whom it
 * offers to open a chat.
 */
export function InviteByEmail({
  query,
  onOpenChat,
  busy,
}: {
  /** What was typed in the people search: an address fills the field. */
  query: string;
  onOpenChat: (person: UserSummary) => void;
  busy: boolean;
}) {
  const trpc = useTRPC();
  const [email, setEmail] = useState(looksLikeEmail(query) ? query.trim() : '');
  const invite = useMutation(trpc.invitations.create.mutationOptions());
  const { reset } = invite;
  useEffect(() => {
    if (looksLikeEmail(query)) setEmail(query.trim());
  }, [query]);

  const sentTo = invite.isSuccess ? invite.data.email : null;
  const alreadyHere = trpcErrorCode(invite.error) === 'CONFLICT';
  const asked = invite.variables?.email ?? '';
  // Someone already here: found by their address (the search matches an exact one) to open a chat with them.
  const existing = useQuery({
    ...trpc.users.search.queryOptions({ query: asked, limit: 1 }),
    enabled: alreadyHere && asked !== '',
  });
  const person = existing.data?.find((p) => p.email.toLowerCase() === asked.toLowerCase());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (address) invite.mutate({ email: address });
  }

  return (
    <section
      aria-labelledby="invite-heading"
      className="shrink-0 rounded-xl border border-border bg-surface-2 p-3"
    >
      <h3 id="invite-heading" className="flex items-center gap-2 text-sm font-semibold">
        <MailPlus className="size-4 text-accent" aria-hidden />
        Not on ChatApp yet? Invite them by email
      </h3>
      <form onSubmit={onSubmit} className="mt-2 flex gap-2" noValidate>
        <input
          type="email"
          aria-label="Email address to invite"
          placeholder="name@example.com"
          autoComplete="off"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            if (invite.status !== 'idle' && invite.status !== 'pending') reset();
          }}
          className="h-9 min-w-0 flex-1 rounded-lg border border-border bg-surface px-3 text-sm outline-none placeholder:text-muted focus:border-accent focus:ring-2 focus:ring-accent/25"
        />
        <Button type="submit" className="h-9 px-3" disabled={!email.trim() || invite.isPending}>
          {invite.isPending ? 'Sending…' : 'Send invitation'}
        </Button>
      </form>
      <div role="status" className={cn('text-sm', (sentTo || invite.error) && 'mt-2')}>
        {sentTo && (
          <p className="text-text">
            Invitation sent to <strong className="font-semibold">{sentTo}</strong>. They will get a link to
            choose a password and join.
          </p>
        )}
        {invite.error && alreadyHere && (
          <div className="flex flex-wrap items-center gap-2">
            <p className="min-w-0 flex-1">
              <strong className="font-semibold">{asked}</strong> is already on ChatApp.
            </p>
            {person && (
              <Button
                variant="secondary"
                className="h-8 px-3"
                disabled={busy}
                onClick={() => onOpenChat(person)}
              >
                <MessageCircle className="size-4" aria-hidden />
                Open a chat
              </Button>
            )}
          </div>
        )}
        {invite.error && !alreadyHere && <p className="text-danger">{invite.error.message}</p>}
      </div>
    </section>
  );
}
