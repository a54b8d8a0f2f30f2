import type { AppRouter } from '@chatapp/api';
import { createTRPCClient, createWSClient, type TRPCClient, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';

/** A tRPC WebSocket client as a browser would open one: the token in `connectionParams`. */
export interface TrpcSocket {
  client: TRPCClient<AppRouter>;
  /** Subscribes to `events.stream`; resolves once the server has started the subscription. */
  subscribe(onMessageBody: (body: string) => void): Promise<void>;
  close(): Promise<void>;
}

export function openTrpcSocket(port: number, token: string): TrpcSocket {
  const wsClient = createWSClient({
    url: `ws://127.0.0.1:${port}/trpc`,
    // Node 20 has no global WebSocket; the `ws` implementation is passed in.
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token }),
    lazy: { enabled: false, closeMs: 0 },
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
  let unsubscribe: (() => void) | undefined;
  return {
    client,
    subscribe(onMessageBody) {
      return new Promise((resolve, reject) => {
        const subscription = client.events.stream.subscribe(undefined, {
          onStarted: () => resolve(),
          onData: (envelope) => {
            if (envelope.data.type === 'message.created') onMessageBody(envelope.data.message.body);
          },
          onError: reject,
        });
        unsubscribe = () => subscription.unsubscribe();
      });
    },
    async close() {
      unsubscribe?.();
      await wsClient.close();
    },
  };
}
