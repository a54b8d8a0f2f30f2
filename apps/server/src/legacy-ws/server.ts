import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SocketSession } from '@chatapp/api';
import { accounts, type DomainDeps, storageUnavailable } from '@chatapp/domain';
import { WebSocketServer } from 'ws';
import { CoalescingWebSocket } from '../ws/coalescing-socket';
import type { SocketLimits } from '../ws/limits';
import { rejectUpgrade } from '../ws/upgrade';
import { LegacyConnection } from './connection';

export const LEGACY_SOCKET_PATH = '/ws/global/';
/** Like Daphne: a ping every 20 s; a peer that has not answered the previous one by then is dropped. */
const PING_INTERVAL_MS = 20_000;

/**
 * The legacy socket `ws://host/ws/global/?token=<token>` (contract §4). The token is checked before the upgrade
 * is accepted: a missing or bad one is refused with 403, as Daphne did. Each accepted socket gets its session
 * (SocketSession, signed in with that token) and its legacy translation (LegacyConnection).
 */
export function createLegacySocketServer(deps: DomainDeps, limits: SocketLimits) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    WebSocket: CoalescingWebSocket,
  });
  const connections = new Set<LegacyConnection>();
  const awaitingPong = new WeakSet<LegacyConnection>();
  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (awaitingPong.has(connection)) {
        connection.ws.terminate();
        continue;
      }
      awaitingPong.add(connection);
      connection.ws.ping();
    }
  }, PING_INTERVAL_MS);
  heartbeat.unref();

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // The first `token` parameter, URL-decoded (the legacy client sends it raw).
    const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
    const token = accounts.normalizeToken(raw);
    const session = token ? await accounts.authenticate(deps, token) : null;
    if (!token || !session) {
      rejectUpgrade(socket, 403, { error: 'Access denied' });
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.coalesceWritesOn(socket);
      void accept(ws, token, session);
    });
  }

  async function accept(ws: CoalescingWebSocket, token: string, account: accounts.Session): Promise<void> {
    // The legacy socket's procedures see no user agent and root-relative media URLs, as they always have.
    const session = new SocketSession(deps, ws, limits, { userAgent: null, mediaBaseUrl: '/media/' });
    await session.signIn(token, account);
    const connection = new LegacyConnection(ws, session, deps, account.user.id);
    connections.add(connection);
    ws.on('pong', () => awaitingPong.delete(connection));
    // Kept until its presence is released, so that shutdown waits for it.
    ws.once('close', () => void connection.close().finally(() => connections.delete(connection)));
    await connection.start().catch((error: unknown) => {
      deps.runtime.log.error({ err: error }, 'legacy socket failed to start');
      ws.close(1011, 'server error');
    });
  }

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      handleUpgrade(req, socket, head).catch((error: unknown) => {
        // The token could not be checked because the database is away: the client should come back, not give up.
        const unavailable = storageUnavailable(error);
        if (unavailable) return rejectUpgrade(socket, 503, { error: unavailable.message });
        deps.runtime.log.error({ err: error }, 'legacy socket upgrade failed');
        rejectUpgrade(socket, 500, { error: 'Server error' });
      });
    },
    /** Sockets open now (the open-sockets gauge). */
    openSockets: () => wss.clients.size,
    /** Closes every socket (going away) and waits for their presence to be released. */
    async close() {
      clearInterval(heartbeat);
      await Promise.all(
        [...connections].map((connection) => {
          connection.ws.close(1001, 'server shutting down');
          return connection.close();
        }),
      );
      wss.close();
    },
  };
}
