'use client';

import { SessionProvider } from 'next-auth/react';
import type { ReactNode } from 'react';
import { ApiProvider } from '../trpc/api-provider';
import { TooltipProvider } from '../ui/tooltip';

export function Providers({ children }: { children: ReactNode }) {
  return (
    // The session is read once and then only when asked for: our token is long-lived and refreshed by use.
    <SessionProvider refetchOnWindowFocus={false}>
      <ApiProvider>
        <TooltipProvider>{children}</TooltipProvider>
      </ApiProvider>
    </SessionProvider>
  );
}
