import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { openChat } from './support/conversations';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { type PrivateService, startPrivateRedis } from './support/private-services';
import { startTestServer, type TestServer } from './support/server';
import { type ServerProcess, spawnServerProcess } from './support/server-process';
import { eventually, isChatFrame, LegacySocketClient } from './support/sockets';
import { subscribeStream } from './support/trpc';

// Redis restarted (a crash: it keeps nothing) under two processes: sends keep working while it is gone, and once
// it is back fan-out and presence recover within seconds, without waiting for the next event or heartbeat; what
// was sent meanwhile reaches the sockets from the journal, each once and in order. A private Redis, since the
// suite's shared one serves other files meanwhile. Runs in the CI pass on MariaDB + Redis.
const onMariaDb = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '');

describe.runIf(onMariaDb)('Redis restarted under two processes', () => {
  let redis: PrivateService;
  let database: TestDatabase;
  let inProcess: TestServer;
  let other: ServerProcess;
  const closers: Array<() => unknown> = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    database = await createTestDatabase();
    // The production presence TTL: recovery must not wait for a heartbeat (a third of it).
    const shared = {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:`,
      PRESENCE_TTL_SECONDS: '30',
    };
    inProcess = await startTestServer(shared, { database });
    other = await spawnServerProcess({ ...shared, DATABASE_URL: database.url, SCRYPT_LOG_N: '12' });
  }, 60_000);
  afterAll(async () => {
    for (const close of closers) await close();
    await other?.stop().catch(() => undefined);
    await inProcess?.close();
    await database?.drop();
    await redis?.dispose();
  });

  it('keeps sending while Redis is gone, then fills the gap from the journal and restores presence', async () => {
    const api = client(inProcess.baseUrl);
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(api, alice, bob);
    const aliceOnA = await LegacySocketClient.connect(inProcess.port, alice.token);
    closers.push(() => aliceOnA.close());
    const bobOnB = subscribeStream(other.port, bob.token);
    closers.push(() => bobOnB.stop());
    const send = (body: string) =>
      api.post<{ result: { data: { message: { id: number } } } }>(
        '/trpc/messages.send',
        { conversation_id: conversationId, body, client_message_id: body },
        { token: alice.token },
      );
    const onlineFor = async (viewer: string, port: number, userId: number) => {
      const res = await client(`http://127.0.0.1:${port}`).get<{
        result: { data: { users: Array<{ id: number; online: boolean }> } };
      }>('/trpc/users.presence', { token: viewer });
      return res.body.result?.data.users.find((user) => user.id === userId)?.online === true;
    };
    await eventually(() => onlineFor(alice.token, inProcess.port, bob.id));
    await send('before');
    await eventually(() => bobOnB.messages().length === 1);

    await redis.stop('SIGKILL');
    // A send commits whatever Redis does: its event is in the journal.
    const whileDown: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await send(`while down ${i}`);
      expect(res.status).toBe(200);
      whileDown.push(res.body.result.data.message.id);
    }

    await redis.start();
    const restartedAt = Date.now();
    // No further event is sent: the gap is noticed when the subscription comes back, and read from the journal.
    await eventually(() => bobOnB.messages().length === 6, 10_000);
    const gapFilledMs = Date.now() - restartedAt;
    for (let i = 0; i < 5; i++)
      await aliceOnA.next((frame) => isChatFrame(frame) && frame.body === `while down ${i}`, 10_000);
    // Presence is mirrored again at once, not at the next heartbeat (10 s at this TTL).
    await eventually(
      async () =>
        (await onlineFor(alice.token, inProcess.port, bob.id)) &&
        (await onlineFor(bob.token, other.port, alice.id)),
      5_000,
    );
    const presenceMs = Date.now() - restartedAt;

    await send('after');
    await eventually(() => bobOnB.messages().length === 7, 5_000);
    await aliceOnA.next((frame) => isChatFrame(frame) && frame.body === 'after');

    const stored = await inProcess.app.deps.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .orderBy('id')
      .execute();
    // Each message once, in order, on the stream of the other process; none twice on the legacy socket.
    expect(bobOnB.messages().map((m) => m.message.id)).toEqual(stored.map((row) => row.id));
    expect(stored.map((row) => row.id)).toEqual(expect.arrayContaining(whileDown));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const framesOnA = aliceOnA.all((frame) => isChatFrame(frame)).map((frame) => frame.id);
    expect(framesOnA).toEqual(stored.map((row) => row.id));
    console.info(`Redis restart: gap filled in ${gapFilledMs} ms, presence back in ${presenceMs} ms`);
    expect(gapFilledMs).toBeLessThan(5_000);
    expect(presenceMs).toBeLessThan(5_000);
  });
});
