import type { IncomingMessage } from 'node:http';

/**
 * Which browser origins may call the API and open its sockets (ALLOWED_ORIGINS), for CORS (cors.ts) and the
 * Origin check of both WebSocket upgrades (ws/upgrade.ts): one rule for both. A socket is not covered by CORS, so
 * without this check any page a signed-in user visits could open the legacy socket with their token (S21).
 */
export interface OriginPolicy {
  /** Any origin is allowed (`*`): the start-up line warns in production. */
  readonly open: boolean;
  /** Whether `req`'s Origin may be served. */
  allows(req: IncomingMessage): boolean;
}

export function originPolicy(allowed: '*' | readonly string[], publicUrl?: string): OriginPolicy {
  const listed = new Set(allowed === '*' ? [] : allowed);
  if (publicUrl) listed.add(new URL(publicUrl).origin);
  return {
    open: allowed === '*',
    allows(req) {
      const origin = req.headers.origin;
      // No Origin: not a browser's cross-origin request (curl, the mobile apps, server-side tools).
      if (origin === undefined || allowed === '*') return true;
      return listed.has(origin) || isSameOrigin(origin, req);
    },
  };
}

/** The page was served by this very host (the web UI): a browser sets Host to the server it is talking to. */
function isSameOrigin(origin: string, req: IncomingMessage): boolean {
  if (!URL.canParse(origin) || !req.headers.host) return false;
  return new URL(origin).host === req.headers.host.toLowerCase();
}
