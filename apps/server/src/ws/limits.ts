import type { Env } from '@chatapp/config';
import type { WebSocket } from 'ws';

/** Bounds every socket: frame size (ws maxPayload), send rate (token bucket), and buffered output. */
export interface SocketLimits {
  maxFrameBytes: number;
  /** Sustained client→server frames per second, and the burst allowed above it. */
  framesPerSecond: number;
  burst: number;
  /** A socket whose unsent output exceeds this is too slow to keep up and is closed. */
  maxBufferedBytes: number;
}

export function socketLimitsFrom(env: Env): SocketLimits {
  return {
    maxFrameBytes: env.WS_MAX_FRAME_BYTES,
    framesPerSecond: env.WS_FRAMES_PER_SECOND,
    burst: env.WS_FRAME_BURST,
    maxBufferedBytes: env.WS_MAX_BUFFERED_BYTES,
  };
}

/** Close codes we use (4000–4999 are application codes). */
export const CLOSE_UNAUTHORIZED = 4001;

export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * A close frame would queue behind the megabytes the peer is not reading, so the connection is cut at once
 * (the peer sees 1006); its buffers are freed and its presence released now, not after a close timeout.
 */
export function dropSlowConsumer(ws: WebSocket): void {
  ws.terminate();
}

/**
 * Sends unless the socket is already too far behind; a slow consumer is closed rather than allowed to grow
 * the server's memory without bound.
 */
export function sendBounded(ws: WebSocket, frame: string, maxBufferedBytes: number): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount + frame.length > maxBufferedBytes) {
    dropSlowConsumer(ws);
    return false;
  }
  ws.send(frame);
  return true;
}
