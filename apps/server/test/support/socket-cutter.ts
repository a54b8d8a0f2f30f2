import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Drops the event sockets (tRPC WebSockets at /trpc) of a running server from its side, as a network failure or
 * a proxy would, and refuses new ones until `restore()`: the pages stay on their "Reconnecting…" banner meanwhile.
 * HTTP keeps working (queries and sends do not use the socket).
 */
export function socketCutter(server: Server): { cut(): number; restore(): void; open(): number } {
  const sockets = new Set<Duplex>();
  let refusing = false;
  // Before the server's own upgrade router, which then finds the socket destroyed and leaves it.
  server.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/trpc') return;
    if (refusing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    cut() {
      refusing = true;
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      return count;
    },
    restore() {
      refusing = false;
    },
    open: () => sockets.size,
  };
}
