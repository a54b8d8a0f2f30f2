import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { headerValue } from './auth-header';

/**
 * The web UI's sign-in (next-auth's authorize, inside this process) calls the API over loopback on behalf of a
 * browser. It names that browser's address in this header, with this process's key in the other one to prove that
 * the call is its own: a client cannot forge either without the key, which never leaves the process.
 */
export const WEB_CLIENT_ADDRESS_HEADER = 'x-chatapp-client-address';
export const WEB_KEY_HEADER = 'x-chatapp-web-key';

/** How the client address is found: see clientAddress. */
export interface AddressPolicy {
  /** TRUST_PROXY: the first X-Forwarded-For hop is the client (a proxy in front sets it). */
  trustProxy: boolean;
  /**
   * The mounted web UI's key (null when the UI is not mounted): a loopback call that presents it is the UI's
   * sign-in speaking for the browser it names.
   */
  webKey: string | null;
}

type HeaderSource = Pick<IncomingMessage, 'headers'> | { headers: Headers };

/**
 * The client's address, which sign-in and sign-up are limited by. The socket's remote address, unless the
 * process sits behind a proxy it trusts (TRUST_PROXY): then the first X-Forwarded-For hop, which that proxy set.
 * Without a trusted proxy the header is ignored, since any client could send one naming whatever address it likes.
 * A loopback call from this process's own web UI is limited by the browser address the UI names; any other loopback
 * call while the UI is mounted has none (null: the per-account limits still apply), since every browser's sign-in
 * would otherwise share one loopback bucket, which one attacker could keep empty.
 */
export function clientAddress(req: HeaderSource, policy: AddressPolicy): string | null {
  if (policy.trustProxy) {
    const first = headerValue(req, 'x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  // Fetch-style requests (trpc-to-openapi hands some over) carry no socket: no address, so no per-address limit.
  const peer = 'socket' in req ? ((req as IncomingMessage).socket?.remoteAddress ?? null) : null;
  if (peer && policy.webKey !== null && isLoopback(peer)) return addressNamedByWeb(req, policy.webKey);
  return peer;
}

/** The address the web UI named, if the call carries the UI's key and the address is one. */
function addressNamedByWeb(req: HeaderSource, webKey: string): string | null {
  const presented = Buffer.from(headerValue(req, WEB_KEY_HEADER) ?? '');
  const expected = Buffer.from(webKey);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  const named = headerValue(req, WEB_CLIENT_ADDRESS_HEADER)?.trim() ?? '';
  return isIP(named) ? named : null;
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
