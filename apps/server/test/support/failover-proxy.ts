import { createServer, type Server, Socket } from 'node:net';

export interface FailoverProxy {
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A TCP load balancer in front of server processes, as an operator would run one: each new connection goes to
 * the first backend that accepts it, in the order given. When a backend dies its connections drop (the clients see
 * what a real proxy would show them) and reconnecting clients land on the next one.
 */
export async function startFailoverProxy(backendPorts: readonly number[]): Promise<FailoverProxy> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    let upstream: Socket | undefined;
    // A client reset while its backend dies is expected here: it only ends the pair.
    client.on('error', () => upstream?.destroy());
    client.pause();
    const tryBackend = (index: number) => {
      const port = backendPorts[index];
      if (port === undefined) {
        client.destroy();
        return;
      }
      const attempt = new Socket();
      let connected = false;
      attempt.on('error', () => {
        attempt.destroy();
        if (connected) client.destroy();
        else tryBackend(index + 1);
      });
      attempt.connect(port, '127.0.0.1', () => {
        connected = true;
        upstream = attempt;
        open.add(attempt);
        attempt.once('close', () => {
          open.delete(attempt);
          client.destroy();
        });
        client.once('close', () => attempt.destroy());
        client.pipe(attempt);
        attempt.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the proxy has no port');
  return {
    port: address.port,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
