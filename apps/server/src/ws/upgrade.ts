import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OriginPolicy } from '../http/origins';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * WebSocket upgrades by exact path. Upgrades bypass HTTP middleware, so each handler authenticates before it
 * accepts. A browser page of an origin ALLOWED_ORIGINS does not allow is refused with 403 first, whatever the
 * path (S21: sockets are not covered by CORS). Unknown paths are refused with a plain 404.
 */
export function createUpgradeRouter(
  routes: Record<string, UpgradeHandler>,
  fallback: ((req: IncomingMessage, socket: Duplex, head: Buffer) => boolean) | undefined,
  origins: OriginPolicy,
): UpgradeHandler {
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!origins.allows(req)) return rejectUpgrade(socket, 403, { error: 'Origin not allowed' });
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes[pathname];
    if (handler) return handler(req, socket, head);
    if (fallback?.(req, socket, head)) return;
    rejectUpgrade(socket, 404, { error: 'Not found' });
  };
}

const REASONS: Record<number, string> = {
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function rejectUpgrade(socket: Duplex, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  const reason = REASONS[status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
  );
}
