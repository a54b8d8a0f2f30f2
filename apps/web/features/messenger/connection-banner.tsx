'use client';

import { WifiOff } from 'lucide-react';
import { useConnectionState } from '../../realtime/connection-state';
import { useConnectionStore } from '../../trpc/api-provider';

/**
 * A quiet strip while the live connection is down. Nothing is lost meanwhile: on reconnect the stream resumes
 * from the last event it delivered. It only appears after the socket had been up (not while first connecting).
 */
export function ConnectionBanner() {
  const state = useConnectionState(useConnectionStore());
  if (state !== 'reconnecting') return null;
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 bg-amber-100 px-3 py-1.5 text-sm font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100"
    >
      <WifiOff className="size-4" aria-hidden />
      Reconnecting…
    </div>
  );
}
