import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Where links in mail point when PUBLIC_URL is not configured: the address and port this request arrived on. Not
 * the Host header: an invitation's link goes to someone else, and a caller could set Host to any site (a
 * phishing link in our own mail). Behind a proxy this is an internal address: such deployments set PUBLIC_URL.
 */
export function linkOrigin(
  publicUrl: string | undefined,
  req: IncomingMessage | { headers: Headers },
): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const socket = 'socket' in req ? (req.socket as TLSSocket | undefined) : undefined;
  if (!socket?.localAddress || !socket.localPort) return 'http://localhost';
  const address = socket.localAddress.replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `${socket.encrypted ? 'https' : 'http'}://${host}:${socket.localPort}`;
}
