import type { AppRouter, schemas } from '@chatapp/api';
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

export type StreamEnvelope = { id: string; data: schemas.StreamEvent };

/** Subscribes a user to `events.stream` (optionally resuming after `lastEventId`) and records what arrives. */
export function subscribeStream(port: number, token: string, lastEventId?: string) {
  const socket = trpcSocket(port, token);
  const received: StreamEnvelope[] = [];
  const errors: unknown[] = [];
  const subscription = socket.client.events.stream.subscribe(lastEventId ? { lastEventId } : undefined, {
    onData: (envelope) => received.push(envelope as StreamEnvelope),
    onError: (error) => errors.push(error),
  });
  const messages = () =>
    received.flatMap((r) =>
      r.data.type === 'message.created' ? [{ tracked: Number(r.id), message: r.data.message }] : [],
    );
  return {
    received,
    errors,
    /** The `message.created` events, with their tracked ids. */
    messages,
    stop() {
      subscription.unsubscribe();
      socket.close();
    },
  };
}
