import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';

type SendData = Parameters<WebSocket['send']>[0];
type SendOptions = Parameters<WebSocket['send']>[1];
type SendCallback = (err?: Error) => void;

/**
 * The WebSocket of both socket servers (legacy and tRPC), whoever writes to it (our frames or tRPC's):
 * - frames sent in one turn of the event loop leave in one write. One commit fans out into several frames per
 *   socket (a send's answer, its echo, a receipt): each was its own `writev` syscall, ~9% of the server's CPU on the
 *   send path. The socket is corked at the first frame and uncorked on the next tick, which Node runs as soon as the
 *   current callback and the promise jobs it started are done, so no frame waits for I/O or a timer;
 * - its unsent output is bounded (its session sets the bound): a peer too slow to keep up is cut rather than
 *   allowed to grow the server's memory without bound.
 */
export class CoalescingWebSocket extends WebSocket {
  private transport: Duplex | null = null;
  private corked = false;
  private maxBufferedBytes = Number.POSITIVE_INFINITY;

  /** The upgraded connection's socket; `ws` keeps its own reference private. */
  coalesceWritesOn(transport: Duplex): void {
    this.transport = transport;
  }

  /** Cuts the connection when a frame would leave more than `maxBufferedBytes` unsent (see SessionTransport). */
  boundOutput(maxBufferedBytes: number): void {
    this.maxBufferedBytes = maxBufferedBytes;
  }

  // `ws`'s two overloads, kept for callers; the arguments are passed on untouched.
  override send(data: SendData, cb?: SendCallback): void;
  override send(data: SendData, options: SendOptions, cb?: SendCallback): void;
  override send(...args: [data: SendData, ...rest: unknown[]]): void {
    if (this.readyState === WebSocket.OPEN && this.bufferedAmount + sizeOf(args[0]) > this.maxBufferedBytes) {
      // A close frame would queue behind the megabytes the peer is not reading, so the connection is cut at once
      // (the peer sees 1006): its buffers are freed and its presence released now, not after a close timeout.
      this.terminate();
      return;
    }
    const transport = this.transport;
    if (transport && !this.corked && this.readyState === WebSocket.OPEN) {
      this.corked = true;
      transport.cork();
      process.nextTick(() => {
        this.corked = false;
        transport.uncork();
      });
    }
    (super.send as (...sendArgs: unknown[]) => void).apply(this, args);
  }
}

/** A frame's size as `bufferedAmount` will count it (near enough for a bound: a string's UTF-16 length). */
function sizeOf(data: SendData): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
