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

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxFrameBytes: 16 * 1024 * 1024,
  framesPerSecond: 20,
  burst: 60,
  maxBufferedBytes: 4 * 1024 * 1024,
};

/** Close codes we use (4000–4999 are application codes). */
export const CLOSE_SLOW_CONSUMER = 4008;
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
 * Sends unless the socket is already too far behind; a slow consumer is closed rather than allowed to grow
 * the server's memory without bound.
 */
export function sendBounded(ws: WebSocket, frame: string, maxBufferedBytes: number): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount + frame.length > maxBufferedBytes) {
    ws.close(CLOSE_SLOW_CONSUMER, 'slow consumer');
    return false;
  }
  ws.send(frame);
  return true;
}
