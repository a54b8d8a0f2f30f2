import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { requireRedis, TEST_REDIS_URL } from './support/redis';
import { startTestServer, type TestServer } from './support/server';
import { type ServerProcess, spawnServerProcess } from './support/server-process';
import { eventually, isChatFrame, isPresenceFrame, LegacySocketClient } from './support/sockets';
import { trpcSocket } from './support/trpc';

// Two server processes behind one Redis act as one: fan-out exactly once per socket, shared presence that
// cleans up when a process dies.
const redis = await requireRedis();

describe.runIf(redis)('two processes on Redis', () => {
  let database: TestDatabase;
  let inProcess: TestServer;
  let other: ServerProcess;
  const sockets: LegacySocketClient[] = [];
  const shared = {
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:`,
    PRESENCE_TTL_SECONDS: '1',
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    inProcess = await startTestServer(shared, { database });
    other = await spawnServerProcess({ ...shared, DATABASE_URL: database.url, SCRYPT_LOG_N: '12' });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await other?.stop().catch(() => undefined);
    await inProcess?.close();
    await database?.drop();
  });

  async function connect(port: number, user: TestUser) {
    const socket = await LegacySocketClient.connect(port, user.token);
    sockets.push(socket);
    return socket;
  }

  it('delivers messages, edits, deletes, typing and presence across processes, exactly once per socket', async () => {
    const apiA = client(inProcess.baseUrl);
    const apiB = client(other.baseUrl);
    const alice = await createUser(apiA);
    const bob = await createUser(apiB);
    const conversation = await apiA.post<{ data: { conversation_id: number } }>(
      '/getConversation/',
      { user_id: bob.id, is_group: false },
      { token: alice.token },
    );
    const conversationId = conversation.body.data.conversation_id;

    const aliceOnA = await connect(inProcess.port, alice);
    const bobOnB = await connect(other.port, bob);
    const bobSecondTabOnA = await connect(inProcess.port, bob);
    expect(
      await aliceOnA.next((f) => isPresenceFrame(f) && (f.users as number[]).includes(bob.id)),
    ).toMatchObject({
      users: expect.arrayContaining([alice.id, bob.id]),
    });

    aliceOnA.send({
      type: 'chat_message',
      conversation_id: conversationId,
      body: 'across processes',
      msg_type: 'text',
    });
    const onB = await bobOnB.next(isChatFrame);
    expect(onB).toMatchObject({
      body: 'across processes',
      sender_id: alice.id,
      conversation_id: conversationId,
    });
    await bobSecondTabOnA.next(isChatFrame);
    await aliceOnA.next(isChatFrame);

    await apiB.put(
      '/updateMessage/',
      { message_id: onB.id, message_body: 'edited on B' },
      { token: alice.token },
    );
    expect(await aliceOnA.next(isChatFrame)).toMatchObject({
      id: onB.id,
      body: 'edited on B',
      is_edited: true,
    });
    expect(await bobOnB.next(isChatFrame)).toMatchObject({ id: onB.id, body: 'edited on B' });

    bobOnB.send({ type: 'typing', conversation_id: conversationId });
    expect(await aliceOnA.next((f) => f.type === 'typing')).toMatchObject({ user_id: bob.id });

    await apiB.post('/deleteMessage/', { message_id: onB.id }, { token: alice.token });
    expect(await aliceOnA.next(isChatFrame)).toMatchObject({ id: onB.id, status: 'delete', body: '' });
    expect(await bobOnB.next(isChatFrame)).toMatchObject({ id: onB.id, status: 'delete', body: '' });

    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const socket of [aliceOnA, bobOnB, bobSecondTabOnA]) {
      const copies = socket.all((f) => isChatFrame(f) && f.id === onB.id);
      // One frame per change on every socket: nothing doubled by the second process.
      expect(copies.map((f) => f.event)).toEqual(['message_created', 'message_edited', 'message_deleted']);
    }
  });

  it('streams to a tRPC subscriber on one process what was sent through the other', async () => {
    const apiA = client(inProcess.baseUrl);
    const alice = await createUser(apiA);
    const bob = await createUser(apiA);
    const conversation = await apiA.post<{ data: { conversation_id: number } }>(
      '/getConversation/',
      { user_id: bob.id, is_group: false },
      { token: alice.token },
    );
    const socket = trpcSocket(other.port, bob.token);
    const received: string[] = [];
    const sub = socket.client.events.stream.subscribe(undefined, {
      onData: (envelope) => {
        if (envelope.data.type === 'message.created') received.push(envelope.data.message.body);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 10; i += 1) {
      await apiA.post(
        '/sendMessage/',
        { conversation_id: conversation.body.data.conversation_id, type: 'text', body: `m${i}` },
        { token: alice.token },
      );
    }
    await eventually(() => received.length === 10);
    expect(received).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    sub.unsubscribe();
    socket.close();
  });

  it('shows a user offline when the process holding their socket dies', async () => {
    const apiA = client(inProcess.baseUrl);
    const alice = await createUser(apiA);
    const carol = await createUser(apiA);
    await apiA.post('/getConversation/', { user_id: carol.id, is_group: false }, { token: alice.token });
    const doomed = await spawnServerProcess({ ...shared, DATABASE_URL: database.url, SCRYPT_LOG_N: '12' });
    const aliceOnA = await connect(inProcess.port, alice);
    await connect(doomed.port, carol);
    await aliceOnA.next((f) => isPresenceFrame(f) && (f.users as number[]).includes(carol.id));

    await doomed.crash();
    // No close handshake reached anyone: only the expired heartbeat tells the surviving process.
    const offline = await aliceOnA.next(
      (f) => isPresenceFrame(f) && !(f.users as number[]).includes(carol.id),
      10_000,
    );
    expect(offline).toEqual({ type: 'connected_users', users: [alice.id] });
  });
});
