'use client';

import { WifiOff } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { useConnectionState } from '../../realtime/connection-state';
import { useConnectionStore } from '../../trpc/api-provider';

function subscribeToNetwork(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/**
 * Whether the browser has a network. Offline, an open WebSocket need not close (nothing tells it the network went),
 * yet nothing passes through it: the socket is down in all but name.
 */
function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeToNetwork,
    () => navigator.onLine,
    () => true,
  );
}

/**
 * A quiet strip while the live connection is down: the socket dropped, or the browser is offline. Nothing is lost
 * meanwhile: on reconnect the stream resumes from the last event it delivered. It only appears after the socket
 * had been up (not while first connecting), or when the network is gone.
 */
export function ConnectionBanner() {
  const state = useConnectionState(useConnectionStore());
  const online = useOnline();
  if (state !== 'reconnecting' && online) return null;
  return (
    <div
      role="status"
      className="flex items-center justify-center gap-2 bg-warning px-3 py-1.5 text-sm font-medium text-on-warning"
    >
      <WifiOff className="size-4" aria-hidden />
      Reconnecting…
    </div>
  );
}
