import type { DomainDeps } from '@chatapp/domain';

/**
 * What every procedure sees. Transports fill it: the token from `Authorization` (HTTP), `?token=` (legacy WS) or
 * `connectionParams` (tRPC WS). The session itself is resolved lazily by `protectedProcedure`.
 */
export interface ApiContext {
  deps: DomainDeps;
  token: string | null;
  userAgent: string | null;
  /**
   * Absolute URL of `/media/` for this request (PUBLIC_URL, or the request's own origin): v1 answers carry absolute
   * media URLs built on it. Transports that cannot know the origin leave the root-relative `/media/`.
   */
  mediaBaseUrl: string;
}

export function createApiContext(
  deps: DomainDeps,
  token: string | null,
  userAgent: string | null = null,
  mediaBaseUrl = '/media/',
): ApiContext {
  return { deps, token, userAgent, mediaBaseUrl };
}
