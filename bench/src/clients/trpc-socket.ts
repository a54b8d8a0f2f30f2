import { WebSocket } from 'ws';
import { toBuffer } from './legacy-socket';

/**
 * A tRPC WebSocket client that sends exactly what `@trpc/client`'s wsLink sends (the token in `connectionParams`,
 * `events.stream` subscribed, `messages.send` as mutations, one request per frame) without the client library:
 * as with the legacy socket, frames are handed over as raw Buffers for a marker search instead of being parsed and
 * dispatched. The library needed 45–75% of a core to keep up with the server, on a 2-core machine where the server
 * needs the other one.
 */
export interface TrpcSocket {
  /** Sends `messages.send`; its answer is only checked for an error. */
  send(conversationId: number, body: string): void;
  close(): void;
}

export interface TrpcFrames {
  /** A frame of the `events.stream` subscription. */
  onEvent(data: Buffer): void;
  /** An error answer, to any request. */
  onError(message: string): void;
}

/** The subscription's request id; mutations count up from the next one. */
const STREAM_ID = 1;

/** How a frame from the server is handled: by its request id and whether it is an error. */
export function classifyTrpcFrame(data: Buffer): 'event' | 'started' | 'answer' | 'error' {
  if (data.includes('"error":')) return 'error';
  if (!data.subarray(0, STREAM_PREFIX.length).equals(STREAM_PREFIX)) return 'answer';
  return data.includes('"type":"started"') ? 'started' : 'event';
}

const STREAM_PREFIX = Buffer.from(`{"id":${STREAM_ID},`);

/** Opens the socket, subscribes to `events.stream`, and resolves once the server has started the subscription. */
export function openTrpcSocket(port: number, token: string, frames: TrpcFrames): Promise<TrpcSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/trpc?connectionParams=1`, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      handshakeTimeout: 60_000,
    });
    let nextId = STREAM_ID + 1;
    const socket: TrpcSocket = {
      send(conversationId, body) {
        const input = { conversation_id: conversationId, body };
        ws.send(
          JSON.stringify({ id: nextId++, method: 'mutation', params: { input, path: 'messages.send' } }),
        );
      },
      close: () => ws.terminate(),
    };
    ws.on('message', (raw) => {
      const data = toBuffer(raw);
      switch (classifyTrpcFrame(data)) {
        case 'event':
          frames.onEvent(data);
          break;
        case 'started':
          resolve(socket);
          break;
        case 'error':
          frames.onError(data.toString());
          reject(new Error(data.toString()));
          break;
        case 'answer':
          break;
      }
    });
    ws.once('open', () => {
      ws.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
      ws.send(JSON.stringify({ id: STREAM_ID, method: 'subscription', params: { path: 'events.stream' } }));
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
