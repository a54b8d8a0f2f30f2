import type { AppRouter } from '@chatapp/api';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';

export type { AppRouter } from '@chatapp/api';
export { TRPCClientError } from '@trpc/client';

export interface ChatClientOptions {
  /** Server origin, e.g. `http://127.0.0.1:8000`. */
  url: string;
  /** The login token, or a function that returns the current one (so a client can outlive a re-login). */
  token?: string | (() => string | null | undefined);
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

export type ChatClient = TRPCClient<AppRouter>;

/**
 * The typed client for ChatApp's tRPC API: every procedure of the server's router with its input and output
 * types, e.g. `await client.users.me.query()`. Calls are batched over HTTP at `<url>/trpc`.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const currentToken = () => (typeof options.token === 'function' ? options.token() : options.token);
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.url.replace(/\/$/, '')}/trpc`,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        headers() {
          const token = currentToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });
}
