import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { CoalescingWebSocket } from '../src/ws/coalescing-socket';

interface Accepted {
  ws: CoalescingWebSocket;
  transport: Duplex;
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  server = undefined;
});

/** A real socket pair on loopback: the server side as the product's servers build it, the client a plain `ws`. */
async function connect(): Promise<{ accepted: Accepted; client: WebSocket; received: string[] }> {
  const wss = new WebSocketServer({ noServer: true, WebSocket: CoalescingWebSocket });
  const http = createServer();
  server = http;
  const acceptedPromise = new Promise<Accepted>((resolve) => {
    http.on('upgrade', (req, transport: Duplex, head) => {
      wss.handleUpgrade(req, transport, head, (ws) => {
        ws.coalesceWritesOn(transport);
        resolve({ ws, transport });
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}/`);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  await new Promise((resolve) => client.once('open', resolve));
  return { accepted: await acceptedPromise, client, received };
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 5));
    check();
  });
}

describe('CoalescingWebSocket', () => {
  it('holds the frames of one turn in the socket and writes them together on the next tick, in order', async () => {
    const { accepted, client, received } = await connect();
    const { ws, transport } = accepted;
    expect(transport.writableCorked).toBe(0);
    ws.send('one');
    ws.send('two');
    ws.send(Buffer.from('three'), { binary: false });
    // Nothing has left yet: the socket is corked once, whatever the number of frames.
    expect(transport.writableCorked).toBe(1);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(transport.writableCorked).toBe(0);

    ws.send('four');
    await until(() => received.length === 4);
    expect(received).toEqual(['one', 'two', 'three', 'four']);
    client.close();
  });

  it('delivers what was sent before a close in the same turn, then the close', async () => {
    const { accepted, client, received } = await connect();
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    accepted.ws.send('last words');
    accepted.ws.close(1001, 'going away');
    expect(await closed).toBe(1001);
    expect(received).toEqual(['last words']);
  });

  it('sends nothing and throws nothing into the socket once it is closed', async () => {
    const { accepted, client } = await connect();
    const closed = new Promise((resolve) => accepted.ws.once('close', resolve));
    client.close();
    await closed;
    const errors: unknown[] = [];
    accepted.ws.send('too late', (error) => errors.push(error));
    await new Promise((resolve) => setImmediate(resolve));
    expect(accepted.transport.writableCorked).toBe(0);
    // `ws` reports the refused send to its callback, as without coalescing.
    expect(errors).toHaveLength(1);
  });
});
