'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { LogOut, MonitorSmartphone, UserRound } from 'lucide-react';
import { signOut } from 'next-auth/react';
import { DropdownMenu } from 'radix-ui';
import { useRef, useState } from 'react';
import { useTRPC } from '../../trpc/react';
import { Avatar } from '../../ui/avatar';
import { ProfileDialog } from './profile-dialog';

const itemClass =
  'flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 text-sm outline-none select-none data-[highlighted]:bg-surface-2';

/**
 * The viewer's picture, opening a menu: profile, sign out (this device), sign out everywhere. Signing out revokes
 * the API token on the server first, then ends the web session.
 */
export function AccountMenu() {
  const trpc = useTRPC();
  const me = useQuery(trpc.users.me.queryOptions(undefined));
  const logOut = useMutation(trpc.auth.logOut.mutationOptions());
  const logOutEverywhere = useMutation(trpc.auth.logOutEverywhere.mutationOptions());
  const [profileOpen, setProfileOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);

  async function leave(everywhere: boolean) {
    try {
      await (everywhere ? logOutEverywhere : logOut).mutateAsync();
    } catch {
      // Already revoked, or the server is unreachable: the web session ends either way.
    }
    await signOut({ callbackUrl: '/sign-in' });
  }

  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          ref={trigger}
          aria-label="Account menu"
          className="rounded-full transition-opacity hover:opacity-90"
        >
          {me.data ? (
            <Avatar person={me.data} src={me.data.profile_thumbnail_url ?? me.data.profile_url} size={36} />
          ) : (
            <span className="block size-9 animate-pulse rounded-full bg-surface-3" />
          )}
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            sideOffset={6}
            className="z-50 min-w-56 rounded-xl border border-border bg-surface p-1 shadow-xl [animation:fade-in_100ms_ease-out]"
          >
            {me.data && (
              <div className="px-3 py-2">
                <p className="truncate text-sm font-semibold">
                  {[me.data.first_name, me.data.last_name].filter(Boolean).join(' ') || me.data.username}
                </p>
                <p className="truncate text-xs text-muted">@{me.data.username}</p>
              </div>
            )}
            <DropdownMenu.Separator className="my-1 h-px bg-border" />
            <DropdownMenu.Item className={itemClass} onSelect={() => setProfileOpen(true)}>
              <UserRound className="size-4 text-muted" aria-hidden /> Profile
            </DropdownMenu.Item>
            <DropdownMenu.Item className={itemClass} onSelect={() => void leave(false)}>
              <LogOut className="size-4 text-muted" aria-hidden /> Sign out
            </DropdownMenu.Item>
            <DropdownMenu.Item className={itemClass} onSelect={() => void leave(true)}>
              <MonitorSmartphone className="size-4 text-muted" aria-hidden /> Sign out everywhere
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <ProfileDialog open={profileOpen} onOpenChange={setProfileOpen} returnFocusTo={trigger} />
    </>
  );
}
