import { type RawData, WebSocket } from 'ws';

/**
 * A bare legacy socket client (`/ws/global/?token=`). The generator receives tens of thousands of frames a
 * second, so frames are handed over as raw Buffers: callers look for their marker with Buffer.indexOf instead of
 * parsing JSON, which keeps the generator's CPU well below the server's.
 */
export interface LegacySocket {
  ws: WebSocket;
  send(frame: unknown): void;
  close(): void;
}

export function connectLegacySocket(
  port: number,
  token: string,
  onFrame: (data: Buffer) => void,
): Promise<LegacySocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/global/?token=${token}`, {
      perMessageDeflate: false,
      // Frames are only searched for ASCII markers; validating UTF-8 would be pure generator overhead.
      skipUTF8Validation: true,
      handshakeTimeout: 60_000,
    });
    ws.on('message', (data) => onFrame(toBuffer(data)));
    ws.once('open', () =>
      resolve({
        ws,
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        close: () => ws.terminate(),
      }),
    );
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A `ws` message as one Buffer. */
export function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A chat frame's message body for the frame type the legacy client sends. */
export function chatFrame(conversationId: number, body: string) {
  return { type: 'chat_message', conversation_id: conversationId, body, msg_type: 'text', media: '' };
}

/**
 * Finds `"body":"<prefix><digits>"` in a frame and returns the number, or -1. Only chat message frames carry a
 * body; presence, receipts and errors return -1.
 */
export function markerIn(data: Buffer, prefix: Buffer): number {
  const at = data.indexOf(prefix);
  if (at < 0) return -1;
  let value = 0;
  for (let i = at + prefix.length; i < data.length; i++) {
    const c = data[i] as number;
    if (c < 48 || c > 57) return i === at + prefix.length ? -1 : value;
    value = value * 10 + (c - 48);
  }
  return -1;
}

const ERROR_PREFIX = Buffer.from('{"error"');

/** The legacy socket answers a refused frame with `{"error": "…"}` (the socket stays open). */
export function isErrorFrame(data: Buffer): boolean {
  return data.subarray(0, ERROR_PREFIX.length).equals(ERROR_PREFIX);
}
