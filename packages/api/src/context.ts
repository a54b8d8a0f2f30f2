import type { DomainDeps } from '@chatapp/domain';

/**
 * What every procedure sees. Transports fill it: the token from `Authorization` (HTTP), `?token=` (legacy WS) or
 * `connectionParams` (tRPC WS). The session itself is resolved lazily by `protectedProcedure`.
 */
export interface ApiContext {
  deps: DomainDeps;
  token: string | null;
  userAgent: string | null;
}

export function createApiContext(
  deps: DomainDeps,
  token: string | null,
  userAgent: string | null = null,
): ApiContext {
  return { deps, token, userAgent };
}
