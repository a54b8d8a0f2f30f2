import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';

type SendData = Parameters<WebSocket['send']>[0];
type SendOptions = Parameters<WebSocket['send']>[1];
type SendCallback = (err?: Error) => void;

/**
 * A WebSocket whose frames sent in one turn of the event loop leave in one write. One commit fans out into several
 * frames per socket (a send's answer, its echo, a receipt): each was its own `writev` syscall, ~9% of the server's
 * CPU on the send path. The socket is corked at the first frame and uncorked on the next tick, which Node runs as
 * soon as the current callback and the promise jobs it started are done, so no frame waits for I/O or a timer.
 */
export class CoalescingWebSocket extends WebSocket {
  private transport: Duplex | null = null;
  private corked = false;

  /** The upgraded connection's socket; `ws` keeps its own reference private. */
  coalesceWritesOn(transport: Duplex): void {
    this.transport = transport;
  }

  // `ws`'s two overloads, kept for callers; the arguments are passed on untouched.
  override send(data: SendData, cb?: SendCallback): void;
  override send(data: SendData, options: SendOptions, cb?: SendCallback): void;
  override send(...args: [data: SendData, ...rest: unknown[]]): void {
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
