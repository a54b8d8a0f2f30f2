'use client';

import { createChatClient } from '@chatapp/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useSession } from 'next-auth/react';
import { createContext, type ReactNode, useContext, useRef, useState } from 'react';
import { endExpiredSession, isUnauthorized } from '../auth/session-expiry';
import { type ConnectionStore, createConnectionStore } from '../realtime/connection-state';
import { TRPCProvider } from './react';

const ConnectionContext = createContext<ConnectionStore | null>(null);

/** The event socket's state store (for the "Reconnecting…" banner). */
export function useConnectionStore(): ConnectionStore {
  const store = useContext(ConnectionContext);
  if (!store) throw new Error('useConnectionStore needs <ApiProvider>');
  return store;
}

function onApiError(error: unknown): void {
  if (isUnauthorized(error)) endExpiredSession();
}

function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onApiError }),
    mutationCache: new MutationCache({ onError: onApiError }),
    defaultOptions: {
      queries: {
        // Live events keep the cache fresh; refetching on focus would only flicker.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !isUnauthorized(error) && failures < 2,
      },
    },
  });
}

/** Reconnects quickly at first (a dropped socket usually comes straight back), then backs off to 5 s. */
const retryDelayMs = (attempt: number) => Math.min(250 * 2 ** attempt, 5_000);

/**
 * The typed client for the whole app (the same `@chatapp/client` that developers use), with the session's token:
 * queries and mutations over HTTP, `events.stream` over one WebSocket per tab.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const { data: session } = useSession();
  const token = useRef<string | null>(null);
  token.current = session?.apiToken ?? null;
  const [queryClient] = useState(createQueryClient);
  const [connection] = useState(createConnectionStore);
  const [client] = useState(() =>
    createChatClient({
      // During prerender there is no window: that client is never used for a request.
      url: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
      token: () => token.current,
      WebSocket: typeof window === 'undefined' ? undefined : window.WebSocket,
      socket: {
        onOpen: () => connection.set('online'),
        onClose: () => connection.set(connection.get() === 'connecting' ? 'connecting' : 'reconnecting'),
        retryDelayMs,
      },
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client.api} queryClient={queryClient}>
        <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
