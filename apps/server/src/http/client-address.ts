import type { IncomingMessage } from 'node:http';
import { headerValue } from './auth-header';

/**
 * The client's address, which sign-in and sign-up are limited by. The socket's remote address, unless the
 * process sits behind a proxy it trusts (TRUST_PROXY): then the first X-Forwarded-For hop, which that proxy set.
 * Without a trusted proxy the header is ignored, since any client could send one naming whatever address it likes.
 */
export function clientAddress(
  req: Pick<IncomingMessage, 'headers'> | { headers: Headers },
  trustProxy: boolean,
): string | null {
  if (trustProxy) {
    const first = headerValue(req, 'x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  // Fetch-style requests (trpc-to-openapi hands some over) carry no socket: no address, so no per-address limit.
  return 'socket' in req ? ((req as IncomingMessage).socket?.remoteAddress ?? null) : null;
}
