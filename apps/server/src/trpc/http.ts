import type { RequestListener } from 'node:http';
import { type AppRouter, appRouter, retryAfterHeaders } from '@chatapp/api';
import type { Log } from '@chatapp/db';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { ContextFactory } from '../context';

export const TRPC_PATH = '/trpc';

/** tRPC over HTTP at `/trpc/<procedure>` (batching on), for the typed client and the web UI. */
export function createTrpcHttpHandler(
  createContext: ContextFactory,
  maxBodyBytes: number,
  log: Log,
): RequestListener {
  return createHTTPHandler<AppRouter>({
    router: appRouter,
    basePath: `${TRPC_PATH}/`,
    maxBodySize: maxBodyBytes,
    createContext: ({ req }) => createContext(req),
    // A rate-limited call's 429 says when to try again.
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        log.error({ err: error, procedure: path }, 'trpc call failed');
    },
  });
}
