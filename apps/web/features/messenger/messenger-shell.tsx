'use client';

import { useParams, useRouter } from 'next/navigation';
import { useSession } from 'next-auth/react';
import { type ReactNode, useEffect } from 'react';
import { cn } from '../../ui/cn';
import { Sidebar } from '../conversations/sidebar';
import { UnreadTitle } from '../notifications/unread-title';
import { AppOverlays } from '../shortcuts/app-overlays';
import { ConnectionBanner } from './connection-banner';
import { MessengerProvider } from './runtime';
import { Splash } from './splash';

/**
 * The signed-in app: conversation list and conversation side by side on a wide screen; on a phone, one at a
 * time (the list at `/`, a conversation at `/c/<id>` with a back button).
 */
export function MessengerShell({ children }: { children: ReactNode }) {
  const { data: session, status } = useSession();
  const router = useRouter();
  const params = useParams<{ id?: string }>();
  const conversationOpen = Boolean(params.id);

  useEffect(() => {
    if (status === 'unauthenticated') router.replace('/sign-in');
  }, [status, router]);

  if (status !== 'authenticated' || !session) return <Splash />;

  return (
    <MessengerProvider viewerId={session.userId}>
      <UnreadTitle />
      <div className="flex h-dvh flex-col overflow-hidden bg-bg">
        <ConnectionBanner />
        <div className="mx-auto flex min-h-0 w-full max-w-[1600px] flex-1 md:border-x md:border-border">
          <div
            className={cn(
              'min-h-0 w-full flex-col border-border bg-surface md:flex md:w-[340px] md:border-r lg:w-[380px]',
              conversationOpen ? 'hidden' : 'flex',
            )}
          >
            <Sidebar />
          </div>
          <main
            className={cn('min-h-0 min-w-0 flex-1 flex-col md:flex', conversationOpen ? 'flex' : 'hidden')}
          >
            {children}
          </main>
        </div>
      </div>
      <AppOverlays />
    </MessengerProvider>
  );
}
