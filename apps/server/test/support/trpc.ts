import type { AppRouter } from '@chatapp/api';
import { createTRPCClient, createWSClient, httpLink, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';

/** A tRPC client over HTTP with a bearer token. */
export function trpcHttp(baseUrl: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

/**
 * A tRPC client over WebSocket, authenticated by `connectionParams` as a browser would be. Node 20 has no global
 * WebSocket, so the `ws` implementation is passed in. It reconnects on its own (e.g. after a server restart).
 */
export function trpcSocket(port: number, token: string) {
  const wsClient = createWSClient({
    url: `ws://127.0.0.1:${port}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token }),
    retryDelayMs: () => 100,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  return { client, close: () => wsClient.close() };
}
