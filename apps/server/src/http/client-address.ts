import type { IncomingMessage } from 'node:http';
import { headerValue } from './auth-header';

/** How the client address is found: see clientAddress. */
export interface AddressPolicy {
  /** TRUST_PROXY: the first X-Forwarded-For hop is the client (a proxy in front sets it). */
  trustProxy: boolean;
  /**
   * The web UI is mounted: its sign-in (next-auth's authorize) calls this process's API over loopback, so a loopback
   * peer is the process itself speaking for some browser, not a client.
   */
  webMounted: boolean;
}

/**
 * The client's address, which sign-in and sign-up are limited by. The socket's remote address, unless the
 * process sits behind a proxy it trusts (TRUST_PROXY): then the first X-Forwarded-For hop, which that proxy set.
 * Without a trusted proxy the header is ignored, since any client could send one naming whatever address it likes.
 * Null (no per-address limit; the per-account ones still apply) when there is no address, or when the peer is this
 * process's own web UI: otherwise every browser's sign-in would share one loopback bucket, which one attacker
 * could keep empty.
 */
export function clientAddress(
  req: Pick<IncomingMessage, 'headers'> | { headers: Headers },
  policy: AddressPolicy,
): string | null {
  if (policy.trustProxy) {
    const first = headerValue(req, 'x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  // Fetch-style requests (trpc-to-openapi hands some over) carry no socket: no address, so no per-address limit.
  const peer = 'socket' in req ? ((req as IncomingMessage).socket?.remoteAddress ?? null) : null;
  if (peer && policy.webMounted && isLoopback(peer)) return null;
  return peer;
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
