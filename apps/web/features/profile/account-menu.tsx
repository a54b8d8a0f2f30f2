'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { Keyboard, LogOut, MonitorSmartphone, Settings, UserRound } from 'lucide-react';
import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { signOutOnPurpose } from '../../auth/session-expiry';
import { useTRPC } from '../../trpc/react';
import { Avatar } from '../../ui/avatar';
import { MenuButton } from '../../ui/menu-button';
import { useOpenedOnce } from '../../ui/use-opened-once';
import { useMessenger } from '../messenger/runtime';

// Opened from the menu: loaded then, not with the page.
const ProfileDialog = dynamic(() => import('./profile-dialog').then((m) => m.ProfileDialog));

/**
 * The viewer's picture, opening a menu: profile, sign out (this device), sign out everywhere. Signing out revokes
 * the API token on the server first, then ends the web session.
 */
export function AccountMenu() {
  const trpc = useTRPC();
  const me = useQuery(trpc.users.me.queryOptions(undefined));
  const logOut = useMutation(trpc.auth.logOut.mutationOptions());
  const logOutEverywhere = useMutation(trpc.auth.logOutEverywhere.mutationOptions());
  const { overlay } = useMessenger();
  const [profileOpen, setProfileOpen] = useState(false);
  const profileMounted = useOpenedOnce(profileOpen);
  const trigger = useRef<HTMLButtonElement>(null);

  function leave(everywhere: boolean) {
    return signOutOnPurpose(() => (everywhere ? logOutEverywhere : logOut).mutateAsync());
  }

  return (
    <>
      <MenuButton
        label="Account menu"
        buttonRef={trigger}
        buttonClassName="rounded-full transition-opacity hover:opacity-90"
        button={
          me.data ? (
            <Avatar person={me.data} src={me.data.profile_thumbnail_url ?? me.data.profile_url} size={36} />
          ) : (
            <span className="block size-9 animate-pulse rounded-full bg-surface-3" />
          )
        }
        align="start"
        contentClassName="min-w-56"
        header={
          me.data && (
            <div className="px-3 py-2">
              <p className="truncate text-sm font-semibold">
                {[me.data.first_name, me.data.last_name].filter(Boolean).join(' ') || me.data.username}
              </p>
              <p className="truncate text-xs text-muted">@{me.data.username}</p>
            </div>
          )
        }
        entries={[
          {
            label: 'Profile',
            icon: <UserRound className="size-4 text-muted" aria-hidden />,
            onSelect: () => setProfileOpen(true),
          },
          {
            label: 'Settings',
            icon: <Settings className="size-4 text-muted" aria-hidden />,
            onSelect: () => overlay.set('settings'),
          },
          {
            label: 'Keyboard shortcuts',
            icon: <Keyboard className="size-4 text-muted" aria-hidden />,
            onSelect: () => overlay.set('shortcuts'),
          },
          {
            label: 'Sign out',
            icon: <LogOut className="size-4 text-muted" aria-hidden />,
            onSelect: () => void leave(false),
          },
          {
            label: 'Sign out everywhere',
            icon: <MonitorSmartphone className="size-4 text-muted" aria-hidden />,
            onSelect: () => void leave(true),
          },
        ]}
      />
      {profileMounted && (
        <ProfileDialog open={profileOpen} onOpenChange={setProfileOpen} returnFocusTo={trigger} />
      )}
    </>
  );
}
