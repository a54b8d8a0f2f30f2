import { accounts, DomainError, storageUnavailable } from '@chatapp/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ApiContext } from './context';
import { describeInputError, retryAfterSeconds, TRPC_CODE_BY_KIND } from './errors';

const t = initTRPC
  .context<ApiContext>()
  .meta<OpenApiMeta>()
  .create({
    // Stack traces never leave the server, whatever NODE_ENV says.
    isDev: false,
    errorFormatter({ shape, error }) {
      // Input errors carry a readable message instead of the raw JSON of zod issues.
      const inputMessage = error.code === 'BAD_REQUEST' ? describeInputError(error.cause) : null;
      const formatted = inputMessage ? { ...shape, message: inputMessage } : shape;
      // A rate limit's wait, for socket clients (HTTP answers carry it in Retry-After too: retryAfterSeconds).
      const retryAfter = retryAfterSeconds(error);
      return retryAfter === null ? formatted : { ...formatted, data: { ...formatted.data, retryAfter } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Domain errors become typed tRPC errors here, once, for every transport. So does a database that cannot be reached
 * or written (a 503 with a message and Retry-After, not a 500): retrying later can succeed, nothing was saved.
 */
function withDomainErrors<R extends { ok: boolean; error?: { cause?: unknown } }>(result: R): R {
  if (result.ok || !result.error) return result;
  const failure = result.error.cause;
  const cause = failure instanceof DomainError ? failure : storageUnavailable(failure);
  if (cause) throw new TRPCError({ code: TRPC_CODE_BY_KIND[cause.kind], message: cause.message, cause });
  return result;
}

/** The same for a failure of the middleware's own work (resolving the token), before any procedure ran. */
async function orStorageUnavailable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const cause = storageUnavailable(error);
    if (!cause) throw error;
    throw new TRPCError({ code: TRPC_CODE_BY_KIND[cause.kind], message: cause.message, cause });
  }
}

export const publicProcedure = t.procedure.use(async ({ next }) => withDomainErrors(await next()));

/**
 * Resolves the presented token to a session; the same rule for HTTP, REST, legacy routes and sockets. It maps
 * domain errors itself rather than stacking on publicProcedure: every tRPC middleware level copies the call's
 * options and context, which on the send path cost more than the membership check.
 */
export const protectedProcedure = t.procedure.use(async ({ ctx, path, next }) => {
  const cache = ctx.sessionCache;
  const now = ctx.deps.now();
  let session = cache?.session && (cache.until ?? 0) > now ? cache.session : null;
  if (!session) {
    session = ctx.token ? await orStorageUnavailable(accounts.authenticate(ctx.deps, ctx.token)) : null;
    if (cache) {
      cache.session = session ?? undefined;
      cache.until = now + cache.ttlMs;
    }
  }
  if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Unauthorized' });
  const result = await next({ ctx: { session } });
  // Account changes (profile, password, logout) must not be answered from a stale cached session.
  if (cache && (path.startsWith('users.') || path.startsWith('auth.'))) cache.session = undefined;
  return withDomainErrors(result);
});
