import type { AppRouter } from '@chatapp/api';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  type TRPCClient,
  type TRPCLink,
  wsLink,
} from '@trpc/client';

export interface ChatClientOptions {
  /** Server origin, e.g. `http://127.0.0.1:8000`. */
  url: string;
  /** The login token, or a function that returns the current one (so a client can outlive a re-login). */
  token?: string | (() => string | null | undefined);
  /** Extra headers for every query and mutation (a server-side caller naming itself, say). */
  headers?: Record<string, string>;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
  /**
   * A WebSocket implementation for subscriptions (`events.stream`). Browsers have one; Node 20 does not, so pass
   * `WebSocket` from the `ws` package. Without it, subscriptions are unavailable and everything else works.
   */
  WebSocket?: unknown;
  /** The subscription socket's life, e.g. for a "reconnecting" indicator, and how soon it reconnects. */
  socket?: {
    onOpen?: () => void;
    onClose?: (cause?: { code?: number }) => void;
    retryDelayMs?: (attempt: number) => number;
  };
}

export interface ChatClient {
  api: TRPCClient<AppRouter>;
  /**
   * Drops the subscription socket; the next subscription opens a new one. A socket signs in once, when it opens,
   * so after a new login this is how its subscriptions move to the new token (`listen` does it for you).
   */
  reconnect(): Promise<void>;
  /** Closes the subscription socket, if one was opened. */
  close(): void;
}

/**
 * The typed client for ChatApp's tRPC API: every procedure of the server's router with its input and output
 * types, e.g. `await client.api.users.me.query()`. Queries and mutations are batched over HTTP at `<url>/trpc`;
 * subscriptions go over one WebSocket at the same path, authenticated with `connectionParams`, and resume after a
 * reconnect from the last event id they saw.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const origin = options.url.replace(/\/$/, '');
  const currentToken = () => (typeof options.token === 'function' ? options.token() : options.token);
  const http = httpBatchLink<AppRouter>({
    url: `${origin}/trpc`,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers() {
      const token = currentToken();
      return token ? { ...options.headers, authorization: `Bearer ${token}` } : { ...options.headers };
    },
  });
  if (!options.WebSocket) {
    return {
      api: createTRPCClient<AppRouter>({ links: [http] }),
      reconnect: async () => {},
      close: () => {},
    };
  }
  const socket = createWSClient({
    url: `${origin.replace(/^http/, 'ws')}/trpc`,
    WebSocket: options.WebSocket as typeof globalThis.WebSocket,
    connectionParams: () => {
      const token = currentToken();
      return token ? { token } : {};
    },
    lazy: { enabled: true, closeMs: 10_000 },
    ...(options.socket?.onOpen ? { onOpen: options.socket.onOpen } : {}),
    ...(options.socket?.onClose ? { onClose: options.socket.onClose } : {}),
    ...(options.socket?.retryDelayMs ? { retryDelayMs: options.socket.retryDelayMs } : {}),
  });
  const links: TRPCLink<AppRouter>[] = [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: wsLink({ client: socket }),
      false: http,
    }),
  ];
  return {
    api: createTRPCClient<AppRouter>({ links }),
    reconnect: () => socket.close(),
    close: () => void socket.close(),
  };
}
