import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { openChat } from './support/conversations';
import { client } from './support/http';
import { type PrivateService, startPrivateMariaDb } from './support/private-services';
import { startTestServer, type TestServer } from './support/server';
import { eventually, isChatFrame, LegacySocketClient } from './support/sockets';
import { subscribeStream } from './support/trpc';

// MariaDB restarted under a running server: while it is down /readyz says 503 and every transport answers a clean
// 503 with a message (never a 500, never a crash); once it is back the same process serves again, with nothing
// half-stored. A private MariaDB, since the suite's shared one serves other files meanwhile. Runs in the CI pass
// on MariaDB + Redis.
const onMariaDb = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '');

describe.runIf(onMariaDb)('MariaDB restarted under a running server', () => {
  let mariadb: PrivateService;
  let server: TestServer;
  let socket: LegacySocketClient | undefined;

  beforeAll(async () => {
    mariadb = await startPrivateMariaDb();
    const admin = await createConnection({ uri: mariadb.url });
    await admin.query('CREATE DATABASE chatapp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await admin.end();
    const url = `${mariadb.url}chatapp`;
    server = await startTestServer({}, { database: { url, dialect: 'mysql', drop: async () => {} } });
  }, 60_000);
  afterAll(async () => {
    await socket?.close();
    await server?.close();
    await mariadb?.dispose();
  });

  /** One number the private server's database answers, read on a connection of its own (the server's pool may be down). */
  async function count(query: string, conversationId: number): Promise<number> {
    const connection = await createConnection({ uri: `${mariadb.url}chatapp` });
    try {
      const [rows] = await connection.query(query, [conversationId]);
      return Number((rows as Array<{ n: number }>)[0]?.n);
    } finally {
      await connection.end();
    }
  }
  const countMessages = (conversationId: number) =>
    count('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?', conversationId);
  const distinctClientIds = (conversationId: number) =>
    count(
      'SELECT COUNT(DISTINCT client_message_id) AS n FROM messages WHERE conversation_id = ?',
      conversationId,
    );

  it('answers 503 everywhere while it is down and serves again once it is back', async () => {
    const api = client(server.baseUrl);
    const alice: TestUser = await createUser(api);
    const bob: TestUser = await createUser(api);
    const conversationId = await openChat(api, alice, bob);
    socket = await LegacySocketClient.connect(server.port, alice.token);
    const send = (body: string) =>
      api.post(`/trpc/messages.send`, { conversation_id: conversationId, body }, { token: alice.token });
    expect((await send('before')).status).toBe(200);

    // A storm of sends with client message ids runs while MariaDB crashes (SIGKILL): each answer is 200 or a clean 503.
    const statuses = new Map<string, number>();
    let storming = true;
    const storm = Array.from({ length: 3 }, async (_, sender) => {
      for (let i = 0; storming; i++) {
        const id = `storm-${sender}-${i}`;
        const res = await api.post(
          '/trpc/messages.send',
          { conversation_id: conversationId, body: id, client_message_id: id },
          { token: alice.token },
        );
        statuses.set(id, res.status);
      }
    });
    await eventually(() => statuses.size >= 15);
    await mariadb.stop('SIGKILL');
    await eventually(() => [...statuses.values()].filter((status) => status === 503).length >= 6);
    storming = false;
    await Promise.all(storm);
    expect(new Set(statuses.values())).toEqual(new Set([200, 503]));

    const ready = await api.get('/readyz');
    expect(ready).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'unreachable' } });
    // Each transport: its own error shape, status 503 and a message saying what is wrong.
    const unavailable = /database is unavailable/i;
    const trpc = await send('while down');
    expect(trpc.status).toBe(503);
    expect(trpc.body).toMatchObject({
      error: { message: expect.stringMatching(unavailable), data: { code: 'SERVICE_UNAVAILABLE' } },
    });
    expect(trpc.headers.get('retry-after')).toMatch(/^\d+$/);
    const v1 = await api.post(
      `/api/v1/conversations/${conversationId}/messages`,
      { body: 'while down' },
      { token: alice.token },
    );
    expect(v1).toMatchObject({ status: 503, body: { message: expect.stringMatching(unavailable) } });
    const legacy = await api.post(
      '/sendMessage/',
      { conversation_id: conversationId, type: 'text', body: 'while down' },
      { token: alice.token },
    );
    expect(legacy).toMatchObject({
      status: 503,
      body: { success: false, error: expect.stringMatching(unavailable) },
    });
    const login = await api.post('/login/', { username: alice.username, email: '', password: 'x' });
    expect(login.status).toBe(503);
    socket.send({
      type: 'chat_message',
      conversation_id: conversationId,
      body: 'while down',
      msg_type: 'text',
    });
    expect(await socket.next((frame) => 'error' in frame)).toMatchObject({
      error: expect.stringMatching(unavailable),
    });
    const upload = await api.post('/api/v1/media', undefined, {
      token: alice.token,
      raw: 'GIF89a',
      contentType: 'image/gif',
    });
    expect(upload).toMatchObject({ status: 503, body: { detail: expect.stringMatching(unavailable) } });
    expect((await api.get('/healthz')).status).toBe(200);
    // New sockets: the legacy one is refused 503 (its token cannot be checked), the tRPC one's stream errs 503.
    await expect(LegacySocketClient.connect(server.port, bob.token)).rejects.toThrow(
      'handshake refused: 503',
    );
    const stream = subscribeStream(server.port, bob.token);
    await eventually(() => stream.errors.length > 0, 5_000).finally(() => stream.stop());
    expect(stream.errors[0]).toMatchObject({
      message: expect.stringMatching(unavailable),
      data: { code: 'SERVICE_UNAVAILABLE' },
    });

    const downAt = Date.now();
    await mariadb.start();
    // The same process, its pool reconnecting by itself.
    await eventually(async () => (await api.get('/readyz')).status === 200, 15_000);
    const recoveredMs = Date.now() - downAt;
    await eventually(async () => (await send('after')).status === 200, 10_000);
    expect(await socket.next((frame) => isChatFrame(frame) && frame.body === 'after')).toMatchObject({
      sender_id: alice.id,
    });
    expect((await api.post('/login/', { username: alice.username, email: '', password: 'x' })).status).toBe(
      400,
    );
    // A client retries what failed with the same ids: each storm message is stored once, whichever answer it got
    // first (a commit whose answer was lost is found by its id, not stored again). Nothing else was stored.
    for (const [id, status] of statuses) {
      if (status === 200) continue;
      const retried = await api.post(
        '/trpc/messages.send',
        { conversation_id: conversationId, body: id, client_message_id: id },
        { token: alice.token },
      );
      expect(retried.status).toBe(200);
    }
    expect(await countMessages(conversationId)).toBe(2 + statuses.size);
    expect(await distinctClientIds(conversationId)).toBe(statuses.size);
    expect(recoveredMs).toBeLessThan(15_000);
  });
});
