import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { appRouter, SocketSession } from '@chatapp/api';
import { accounts, type DomainDeps, storageUnavailable } from '@chatapp/domain';
import { TRPCError } from '@trpc/server';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { headerValue, tokenFromRequest } from '../http/auth-header';
import { type AddressPolicy, clientAddress } from '../http/client-address';
import { mediaBaseUrl } from '../media/urls';
import { CoalescingWebSocket } from '../ws/coalescing-socket';
import type { SocketLimits } from '../ws/limits';

/**
 * tRPC over WebSocket at `/trpc` (subscriptions, and queries/mutations too). Each socket has a session
 * (SocketSession) from the moment it is accepted; this file only hands tRPC its frames. The token comes in
 * `connectionParams.token` (browsers cannot set headers on a WebSocket) or an `Authorization` header (Node
 * clients); protected procedures refuse a socket without a valid one. Keep-alive pings detect dead peers.
 */
export function createTrpcSocketServer(
  deps: DomainDeps,
  limits: SocketLimits,
  publicUrl: string | undefined,
  addresses: AddressPolicy,
) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    WebSocket: CoalescingWebSocket,
  });
  const sessions = new Map<CoalescingWebSocket, SocketSession>();
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    // Once per socket, when its connection parameters (if any) have arrived: the session signs in with the token.
    createContext: async ({ req, res, info }) => {
      const session = sessions.get(res as CoalescingWebSocket);
      if (!session) throw new Error('a tRPC socket without its session');
      const param = info.connectionParams?.token;
      await session
        .signIn(accounts.normalizeToken(typeof param === 'string' ? param : null) ?? tokenFromRequest(req))
        .catch((error: unknown) => {
          // The token could not be checked because the database is away: a 503 the client retries, not a 500.
          const unavailable = storageUnavailable(error);
          if (!unavailable) throw error;
          throw new TRPCError({
            code: 'SERVICE_UNAVAILABLE',
            message: unavailable.message,
            cause: unavailable,
          });
        });
      return session.context;
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        deps.runtime.log.error({ err: error, procedure: path }, 'trpc socket call failed');
    },
  });

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.coalesceWritesOn(socket);
        const session = new SocketSession(deps, ws, limits, {
          userAgent: headerValue(req, 'user-agent'),
          mediaBaseUrl: mediaBaseUrl(publicUrl, req),
          clientAddress: clientAddress(req, addresses),
        });
        sessions.set(ws, session);
        // tRPC's handler cannot skip a message, so a client far above the rate is disconnected (1008, policy
        // violation); a well-behaved client reconnects and its subscriptions resume from their last event id.
        ws.on('message', () => {
          if (!session.takeFrame()) ws.close(1008, 'too many messages');
        });
        ws.once('close', () => void session.close().finally(() => sessions.delete(ws)));
        wss.emit('connection', ws, req);
      });
    },
    /** Sockets open now (the open-sockets gauge). */
    openSockets: () => wss.clients.size,
    /** Closes every socket (going away) and waits for their sessions to end. */
    async close() {
      // Tells clients to reconnect (to another process) instead of treating the close as an error.
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      wss.close();
      await Promise.all([...sessions.values()].map((session) => session.close()));
    },
  };
}
