import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { eventually, isPresenceFrame, LegacySocketClient } from './support/sockets';

// Socket limits: frame size, per-socket frame rate, and a bounded output buffer for slow consumers.
let server: TestServer;
let api: TestClient;

beforeAll(async () => {
  server = await startTestServer({
    WS_MAX_FRAME_BYTES: String(64 * 1024),
    WS_FRAMES_PER_SECOND: '2',
    WS_FRAME_BURST: '5',
    WS_MAX_BUFFERED_BYTES: String(256 * 1024),
  });
  api = client(server.baseUrl);
});
afterAll(() => server.close());

describe('socket limits', () => {
  it('closes a socket that sends an oversize frame (1009) and releases its presence', async () => {
    const user = await createUser(api);
    const socket = await LegacySocketClient.connect(server.port, user.token);
    await socket.next(isPresenceFrame);
    socket.send({ type: 'chat_message', conversation_id: 1, body: 'x'.repeat(100 * 1024) });
    await eventually(() => socket.closeCode !== undefined);
    expect(socket.closeCode).toBe(1009);
    await eventually(
      async () => !(await server.app.deps.runtime.presence.onlineAmong([user.id])).has(user.id),
    );
    expect((await api.get('/healthz')).status).toBe(200);
  });

  it('answers frames beyond the rate with an error frame, keeping the socket open', async () => {
    const user = await createUser(api);
    const socket = await LegacySocketClient.connect(server.port, user.token);
    for (let i = 0; i < 12; i += 1) socket.send({ type: 'fetch_all_users' });
    const error = await socket.next((f) => 'error' in f);
    expect(error.error).toMatch(/Too many frames/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.all((f) => f.type === 'fetch_all_users').length).toBeLessThanOrEqual(6);
    expect(socket.closeCode).toBeUndefined();
    await socket.close();
  });

  it('disconnects a tRPC socket far above the frame rate (1008)', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/trpc`);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    for (let i = 0; i < 20; i += 1) {
      ws.send(JSON.stringify({ id: i + 1, method: 'query', params: { path: 'users.me', input: undefined } }));
    }
    expect(await closed).toBe(1008);
  });

  it('closes a consumer that stops reading instead of buffering without bound', async () => {
    const reader = await createUser(api);
    const writer = await createUser(api);
    const chat = await api.post<{ data: { conversation_id: number } }>(
      '/getConversation/',
      { user_id: reader.id, is_group: false },
      { token: writer.token },
    );
    const slow = await LegacySocketClient.connect(server.port, reader.token);
    await slow.next(isPresenceFrame);
    // Stop reading: the kernel buffers fill, then the server's own send buffer grows until the bound.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const body = 'y'.repeat(9_000);
    const closed = async () =>
      !(await server.app.deps.runtime.presence.onlineAmong([reader.id])).has(reader.id);
    for (let batch = 0; batch < 100 && !(await closed()); batch += 1) {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          api.post(
            '/sendMessage/',
            { conversation_id: chat.body.data.conversation_id, type: 'text', body },
            {
              token: writer.token,
            },
          ),
        ),
      );
    }
    expect(await closed()).toBe(true);
    slow.ws.terminate();
  });
});
