import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { appRouter, createSocketContext } from '@chatapp/api';
import { accounts, type DomainDeps } from '@chatapp/domain';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { headerValue, tokenFromRequest } from '../http/auth-header';
import { mediaBaseUrl } from '../media/urls';
import { CoalescingWebSocket } from '../ws/coalescing-socket';
import { dropSlowConsumer, type SocketLimits, TokenBucket } from '../ws/limits';

/** How often each tRPC socket's unsent output is checked against the slow-consumer bound. */
const BUFFER_CHECK_MS = 1_000;

/**
 * tRPC over WebSocket at `/trpc` (subscriptions, and queries/mutations too). The token comes in
 * `connectionParams.token` (browsers cannot set headers on a WebSocket) or an `Authorization` header (Node
 * clients); protected procedures refuse a socket without a valid one. Keep-alive pings detect dead peers.
 */
export function createTrpcSocketServer(deps: DomainDeps, limits: SocketLimits, publicUrl?: string) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    perMessageDeflate: false,
    WebSocket: CoalescingWebSocket,
  });
  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    createContext: ({ req, info }) => {
      const param = info.connectionParams?.token;
      const token =
        accounts.normalizeToken(typeof param === 'string' ? param : null) ?? tokenFromRequest(req);
      return createSocketContext(deps, token, headerValue(req, 'user-agent'), mediaBaseUrl(publicUrl, req));
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`trpc ws ${path ?? '?'} failed`, error);
    },
  });

  wss.on('connection', (ws) => {
    // tRPC's handler cannot skip a message, so a client far above the rate is disconnected (1008, policy
    // violation); a well-behaved client reconnects and its subscriptions resume from their last event id.
    const bucket = new TokenBucket(limits.framesPerSecond, limits.burst);
    ws.on('message', () => {
      if (!bucket.take()) ws.close(1008, 'too many messages');
    });
    const timer = setInterval(() => {
      if (ws.bufferedAmount > limits.maxBufferedBytes) dropSlowConsumer(ws);
    }, BUFFER_CHECK_MS);
    timer.unref();
    ws.once('close', () => clearInterval(timer));
  });

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.coalesceWritesOn(socket);
        wss.emit('connection', ws, req);
      });
    },
    async close() {
      // Tells clients to reconnect (to another process) instead of treating the close as an error.
      handler.broadcastReconnectNotification();
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
