import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { openChat } from './support/conversations';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { requireRedis, TEST_REDIS_URL } from './support/redis';
import { startTestServer, type TestServer } from './support/server';
import { type ServerProcess, spawnServerProcess } from './support/server-process';
import { eventually, isPresenceFrame, LegacySocketClient } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { type StreamEnvelope, subscribeStream, trpcHttp } from './support/trpc';

// Presence counts both kinds of socket: a tRPC `events.stream` subscription and the legacy `/ws/global/` socket.
// A user is online while any of them is open, seen by contacts on either kind; going offline records last seen.
const { server, api } = serverForSuite();

const sockets: LegacySocketClient[] = [];
const streams: Array<ReturnType<typeof subscribeStream>> = [];
afterAll(async () => {
  for (const stream of streams) stream.stop();
  await Promise.all(sockets.map((socket) => socket.close()));
});

async function legacySocket(user: TestUser): Promise<LegacySocketClient> {
  const socket = await LegacySocketClient.connect(server().port, user.token);
  sockets.push(socket);
  // Its first presence frame comes once the socket counts as online.
  await socket.next(isPresenceFrame);
  return socket;
}

function stream(user: TestUser) {
  const subscription = subscribeStream(server().port, user.token);
  streams.push(subscription);
  return subscription;
}

type PresenceEvent = Extract<StreamEnvelope['data'], { type: 'presence' }>;

function presenceEvents(subscription: ReturnType<typeof subscribeStream>, userId: number): PresenceEvent[] {
  return subscription.received.flatMap((r) =>
    r.data.type === 'presence' && r.data.user_id === userId ? [r.data] : [],
  );
}

const listsUser = (userId: number) => (f: Record<string, unknown>) =>
  isPresenceFrame(f) && (f.users as number[]).includes(userId);
const omitsUser = (userId: number) => (f: Record<string, unknown>) =>
  isPresenceFrame(f) && !(f.users as number[]).includes(userId);

const isOnline = async (userId: number) =>
  (await server().app.deps.runtime.presence.onlineAmong([userId])).has(userId);

async function pair(): Promise<[TestUser, TestUser]> {
  const alice = await createUser(api());
  const bob = await createUser(api());
  await openChat(api(), alice, bob);
  return [alice, bob];
}

describe('a tRPC stream counts as a connection', () => {
  it('shows its user online to a legacy-socket contact, and offline when the stream stops', async () => {
    const [alice, bob] = await pair();
    const aliceSocket = await legacySocket(alice);
    expect(aliceSocket.all(isPresenceFrame).at(-1)).toEqual({ type: 'connected_users', users: [alice.id] });

    const bobStream = stream(bob);
    expect(await aliceSocket.next(listsUser(bob.id))).toEqual({
      type: 'connected_users',
      users: [alice.id, bob.id],
    });
    expect(await isOnline(bob.id)).toBe(true);

    bobStream.stop();
    expect(await aliceSocket.next(omitsUser(bob.id))).toEqual({ type: 'connected_users', users: [alice.id] });
    await eventually(async () => !(await isOnline(bob.id)));
  });

  it("shows its user online to another user's stream, and offline with the last seen time", async () => {
    const [alice, bob] = await pair();
    const aliceStream = stream(alice);
    await eventually(() => presenceEvents(aliceStream, alice.id).length > 0);

    const bobStream = stream(bob);
    await eventually(() => presenceEvents(aliceStream, bob.id).length === 1);
    expect(presenceEvents(aliceStream, bob.id)).toEqual([
      { type: 'presence', user_id: bob.id, online: true },
    ]);

    const before = Date.now();
    bobStream.stop();
    await eventually(() => presenceEvents(aliceStream, bob.id).length === 2);
    const offline = presenceEvents(aliceStream, bob.id)[1];
    expect(offline).toMatchObject({ type: 'presence', user_id: bob.id, online: false });
    const lastSeen = Date.parse(offline?.last_seen_at ?? '');
    expect(lastSeen).toBeGreaterThanOrEqual(before);
    expect(lastSeen).toBeLessThanOrEqual(Date.now());
  });

  it("shows a legacy socket's user online to a stream contact, and offline when it closes", async () => {
    const [alice, bob] = await pair();
    const aliceStream = stream(alice);
    await eventually(() => presenceEvents(aliceStream, alice.id).length > 0);

    const bobSocket = await legacySocket(bob);
    // And the other way round: the legacy socket sees the stream's user as online.
    expect(bobSocket.all(isPresenceFrame).at(-1)).toEqual({
      type: 'connected_users',
      users: [bob.id, alice.id],
    });
    await eventually(() => presenceEvents(aliceStream, bob.id).length === 1);
    expect(presenceEvents(aliceStream, bob.id)[0]).toEqual({
      type: 'presence',
      user_id: bob.id,
      online: true,
    });

    await bobSocket.close();
    await eventually(() => presenceEvents(aliceStream, bob.id).length === 2);
    expect(presenceEvents(aliceStream, bob.id)[1]).toMatchObject({ user_id: bob.id, online: false });
    expect(presenceEvents(aliceStream, bob.id)[1]?.last_seen_at).toEqual(expect.any(String));
  });

  it('keeps a user online until their last socket of either kind closes', async () => {
    const [alice, bob] = await pair();
    const aliceSocket = await legacySocket(alice);
    const bobStream = stream(bob);
    await aliceSocket.next(listsUser(bob.id));
    const bobSocket = await legacySocket(bob);

    const seen = aliceSocket.frames.length;
    bobStream.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await isOnline(bob.id)).toBe(true);
    expect(aliceSocket.frames.slice(seen).filter(omitsUser(bob.id))).toEqual([]);

    await bobSocket.close();
    await aliceSocket.next(omitsUser(bob.id));
    await eventually(async () => !(await isOnline(bob.id)));
  });
});

type PresenceSnapshot = { users: Array<{ id: number; online: boolean; last_seen_at: string | null }> };

describe('users.presence', () => {
  it("lists the caller's contacts with whether they are online and when they were last seen", async () => {
    const alice = await createUser(api());
    const [bob, carol, dave, stranger] = [
      await createUser(api()),
      await createUser(api()),
      await createUser(api()),
      await createUser(api()),
    ];
    for (const contact of [bob, carol, dave]) await openChat(api(), alice, contact);
    await openChat(api(), stranger, bob);

    const daveStream = stream(dave);
    await eventually(() => isOnline(dave.id));
    daveStream.stop();
    await eventually(async () => !(await isOnline(dave.id)));
    const bobStream = stream(bob);
    await eventually(() => isOnline(bob.id));

    const rest = await api().get<PresenceSnapshot>('/api/v1/users/presence', { token: alice.token });
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual({
      users: [
        { id: bob.id, online: true, last_seen_at: null },
        { id: carol.id, online: false, last_seen_at: null },
        { id: dave.id, online: false, last_seen_at: expect.stringMatching(/Z$/) },
      ],
    });
    const stored = await server()
      .app.deps.db.selectFrom('users')
      .select('last_seen_at')
      .where('id', '=', dave.id)
      .executeTakeFirstOrThrow();
    expect(rest.body.users[2]?.last_seen_at).toBe(new Date(Number(stored.last_seen_at)).toISOString());

    // The same over tRPC; last seen stays while the user is online again.
    const daveAgain = stream(dave);
    await eventually(() => isOnline(dave.id));
    expect(await trpcHttp(server().baseUrl, alice.token).users.presence.query()).toEqual({
      users: [
        { id: bob.id, online: true, last_seen_at: null },
        { id: carol.id, online: false, last_seen_at: null },
        { id: dave.id, online: true, last_seen_at: rest.body.users[2]?.last_seen_at },
      ],
    });
    daveAgain.stop();
    bobStream.stop();
  });

  it('answers an empty list to a user without contacts, and 401 without a token', async () => {
    const loner = await createUser(api());
    expect((await api().get('/api/v1/users/presence', { token: loner.token })).body).toEqual({ users: [] });
    expect((await api().get('/api/v1/users/presence')).status).toBe(401);
  });
});

// A process that dies says nothing: the sweeper on a surviving one reports its users offline, and records when.
const redis = await requireRedis();

describe.runIf(redis)('last seen when the process holding the stream dies', () => {
  let database: TestDatabase;
  let survivor: TestServer;
  let doomed: ServerProcess | undefined;
  const shared = {
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:`,
    PRESENCE_TTL_SECONDS: '1',
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    survivor = await startTestServer(shared, { database });
  });
  afterAll(async () => {
    await doomed?.stop().catch(() => undefined);
    await survivor?.close();
    await database?.drop();
  });

  it('is recorded by the sweeper and shown in users.presence', async () => {
    const survivorApi = client(survivor.baseUrl);
    const alice = await createUser(survivorApi);
    const carol = await createUser(survivorApi);
    await openChat(survivorApi, alice, carol);
    doomed = await spawnServerProcess({ ...shared, DATABASE_URL: database.url, SCRYPT_LOG_N: '12' });
    const carolStream = subscribeStream(doomed.port, carol.token);
    const snapshot = () =>
      survivorApi.get<PresenceSnapshot>('/api/v1/users/presence', { token: alice.token });
    await eventually(async () => (await snapshot()).body.users[0]?.online === true, 10_000);

    const crashedAt = Date.now();
    await doomed.crash();
    carolStream.stop();
    // Heartbeats lapse first (shown offline), then a sweep reports the flip: that is when last seen is written.
    await eventually(async () => (await snapshot()).body.users[0]?.last_seen_at != null, 10_000);
    const [entry] = (await snapshot()).body.users;
    expect(entry).toMatchObject({ id: carol.id, online: false });
    expect(Date.parse(entry?.last_seen_at ?? '')).toBeGreaterThanOrEqual(crashedAt);
  });
});
