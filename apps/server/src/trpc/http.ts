import type { RequestListener } from 'node:http';
import { type AppRouter, appRouter, retryAfterHeaders } from '@chatapp/api';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { ContextFactory } from '../context';

export const TRPC_PATH = '/trpc';

/** tRPC over HTTP at `/trpc/<procedure>` (batching on), for the typed client and the web UI. */
export function createTrpcHttpHandler(createContext: ContextFactory, maxBodyBytes: number): RequestListener {
  return createHTTPHandler<AppRouter>({
    router: appRouter,
    basePath: `${TRPC_PATH}/`,
    maxBodySize: maxBodyBytes,
    createContext: ({ req }) => createContext(req),
    // A rate-limited call's 429 says when to try again.
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ${path ?? '?'} failed`, error);
    },
  });
}
