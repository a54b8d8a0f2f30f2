import { chatFrame, connectLegacySocket, isErrorFrame, markerIn } from '../clients/legacy-socket';
import { openTrpcSocket } from '../clients/trpc-socket';
import type { Cluster } from '../cluster';
import { mapLimit } from '../concurrency';
import type { SeededUser } from '../seed';

export type Transport = 'legacy' | 'trpc';

/** Bodies of send-path messages: `bm<sequence number>`, found again in what each client receives. */
export const SEND_MARKER = 'bm';
/** How a send-path body appears in a frame of either socket (JSON without spaces). */
const SEND_MARKER_IN_JSON = Buffer.from(`"body":"${SEND_MARKER}`);

/** Clients dealt round-robin over the cluster's servers, each able to send into its own conversation. */
export interface ChatClients {
  count: number;
  send(client: number, conversationId: number, body: string): void;
  close(): Promise<void>;
}

export interface ClientEvents {
  /** Client `client` received the send-path message numbered `sequence` (as recipient or as its sender's echo). */
  onMessage(client: number, sequence: number): void;
  onError(text: string): void;
}

/** Connects one client per user over the legacy socket or tRPC (subscribed to `events.stream`). */
export async function connectClients(
  cluster: Cluster,
  transport: Transport,
  users: readonly SeededUser[],
  events: ClientEvents,
): Promise<ChatClients> {
  return transport === 'legacy' ? connectLegacy(cluster, users, events) : connectTrpc(cluster, users, events);
}

/** Handshakes in flight at once: the server authenticates each one against the database. */
const CONNECT_CONCURRENCY = 50;

async function connectLegacy(cluster: Cluster, users: readonly SeededUser[], events: ClientEvents) {
  const sockets = await mapLimit(users, CONNECT_CONCURRENCY, (user, i) =>
    connectLegacySocket(cluster.serverFor(i).port, user.token, (data) => {
      const sequence = markerIn(data, SEND_MARKER_IN_JSON);
      if (sequence >= 0) events.onMessage(i, sequence);
      else if (isErrorFrame(data)) events.onError(data.toString());
    }),
  );
  return {
    count: sockets.length,
    send(client: number, conversationId: number, body: string) {
      sockets[client]?.send(chatFrame(conversationId, body));
    },
    async close() {
      for (const socket of sockets) socket.close();
    },
  };
}

async function connectTrpc(cluster: Cluster, users: readonly SeededUser[], events: ClientEvents) {
  const sockets = await mapLimit(users, CONNECT_CONCURRENCY, (user, i) =>
    openTrpcSocket(cluster.serverFor(i).port, user.token, {
      onEvent: (data) => {
        const sequence = markerIn(data, SEND_MARKER_IN_JSON);
        if (sequence >= 0) events.onMessage(i, sequence);
      },
      onError: (text) => events.onError(text),
    }),
  );
  return {
    count: sockets.length,
    send(client: number, conversationId: number, body: string) {
      sockets[client]?.send(conversationId, body);
    },
    async close() {
      for (const socket of sockets) socket.close();
    },
  };
}
