import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { headerValue } from '../http/auth-header';

/** Files are served under this prefix; legacy clients join it with the relative paths the API returns. */
export const MEDIA_PREFIX = '/media/';

/** A plausible Host header (name or address, optional port): anything else is not echoed into URLs. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The absolute `/media/` URL for answers to this request: PUBLIC_URL when configured (behind a proxy the request's
 * own Host may be internal), otherwise the origin the client used. Root-relative when neither is known.
 */
export function mediaBaseUrl(
  publicUrl: string | undefined,
  req: Pick<IncomingMessage, 'headers'> | { headers: Headers },
): string {
  if (publicUrl) return `${publicUrl.replace(/\/+$/, '')}${MEDIA_PREFIX}`;
  const host = headerValue(req, 'host');
  if (!host || !HOST.test(host)) return MEDIA_PREFIX;
  const encrypted = 'socket' in req && Boolean((req.socket as TLSSocket | undefined)?.encrypted);
  return `${encrypted ? 'https' : 'http'}://${host}${MEDIA_PREFIX}`;
}
