'use client';

import { useQuery } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { useTRPC } from '../../trpc/react';
import { Dialog } from '../../ui/dialog';
import { FormAlert } from '../auth/form-alert';
import { PasswordForm } from './password-form';
import { PictureSection } from './picture-section';
import { ProfileForm } from './profile-form';

/** The signed-in user's profile: picture, details, and password, each saved on its own. */
export function ProfileDialog({
  open,
  onOpenChange,
  returnFocusTo,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo?: RefObject<HTMLElement | null>;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Profile" returnFocusTo={returnFocusTo}>
      <Profile />
    </Dialog>
  );
}

function Profile() {
  const trpc = useTRPC();
  const me = useQuery(trpc.users.me.queryOptions(undefined));
  if (me.error) return <FormAlert tone="error">{me.error.message}</FormAlert>;
  if (!me.data) return <ProfileSkeleton />;
  return (
    <div className="grid gap-6">
      <PictureSection account={me.data} />
      <div className="border-t border-border pt-4">
        <ProfileForm account={me.data} />
      </div>
      <div className="border-t border-border pt-4">
        <PasswordForm username={me.data.username} />
      </div>
    </div>
  );
}

function ProfileSkeleton() {
  return (
    <div className="grid justify-items-center gap-3 py-4" role="status" aria-label="Loading your profile">
      <span className="size-24 animate-pulse rounded-full bg-surface-3" />
      <span className="h-4 w-40 animate-pulse rounded bg-surface-3" />
      <span className="h-3 w-24 animate-pulse rounded bg-surface-2" />
    </div>
  );
}
