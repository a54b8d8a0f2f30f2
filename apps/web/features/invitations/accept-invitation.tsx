'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '../../trpc/react';
import { ChoosePasswordForm } from './choose-password-form';
import { LinkUnusable } from './link-unusable';

/**
 * The page an invitation mail's link opens (`/invitations/accept?token=…`): whose invitation it is, then the form;
 * or, for a spent or expired link, what to do instead.
 */
export function AcceptInvitation() {
  const token = useSearchParams().get('token') ?? '';
  const trpc = useTRPC();
  const [spent, setSpent] = useState(false);
  const link = useQuery({
    ...trpc.invitations.describe.queryOptions({ token }),
    enabled: token !== '',
    // A refused link stays refused; asking again only delays the answer.
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (!token || spent || link.isError) return <LinkUnusable />;
  if (!link.data)
    return (
      <div className="grid gap-4" role="status" aria-label="Checking your invitation">
        <div className="h-6 w-3/4 animate-pulse rounded bg-surface-3" />
        <div className="h-4 w-full animate-pulse rounded bg-surface-2" />
        <div className="h-11 w-full animate-pulse rounded-lg bg-surface-2" />
        <div className="h-11 w-full animate-pulse rounded-lg bg-surface-2" />
      </div>
    );
  return (
    <ChoosePasswordForm
      token={token}
      email={link.data.email}
      invitedBy={link.data.invited_by}
      onLinkUnusable={() => setSpent(true)}
    />
  );
}
