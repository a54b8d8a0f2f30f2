import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD, type TestUser } from './support/accounts';
import { countRows, openChat } from './support/conversations';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { eventually, isChatFrame, isPresenceFrame, LegacySocketClient } from './support/sockets';

// Contract §4 and legacy-web-client §3: the `/ws/global/?token=` socket, with its defects C13–C18b fixed.
const OFFSET_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;

let server: TestServer;
let api: TestClient;
const sockets: LegacySocketClient[] = [];

async function connect(user: TestUser): Promise<LegacySocketClient> {
  const socket = await LegacySocketClient.connect(server.port, user.token);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.baseUrl);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await server.close();
});

describe('handshake', () => {
  it('refuses a missing, unknown or malformed token with 403 before accepting', async () => {
    for (const token of ['', 'a'.repeat(64), 'not-a-token']) {
      await expect(LegacySocketClient.connect(server.port, token)).rejects.toThrow('handshake refused: 403');
    }
  });

  it('serves only the exact path', async () => {
    const user = await createUser(api);
    await expect(LegacySocketClient.connect(server.port, user.token, '/ws/global')).rejects.toThrow('404');
  });

  it('announces presence on connect: the user alone when no contact is online', async () => {
    const user = await createUser(api);
    const socket = await connect(user);
    expect(await socket.next(isPresenceFrame)).toEqual({ type: 'connected_users', users: [user.id] });
  });
});

describe('messages', () => {
  it('delivers to every participant socket, joined or not, and echoes to the sender', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const aliceSocket = await connect(alice);
    const bobSocket = await connect(bob);
    const conversationId = await openChat(api, alice, bob);

    // Neither socket joined: a conversation created after connecting still delivers (C14).
    aliceSocket.send({
      type: 'chat_message',
      conversation_id: conversationId,
      body: 'hi bob',
      msg_type: 'text',
      media: '',
    });
    const received = await bobSocket.next(isChatFrame);
    const echo = await aliceSocket.next(isChatFrame);
    expect(echo).toEqual(received);
    expect(received).toMatchObject({
      type: 'text',
      body: 'hi bob',
      is_edited: false,
      title: 'New Chat',
      status: 'active',
      media_url: null,
      conversation_id: conversationId,
      sender_id: alice.id,
      sender_first_name: '',
      sender_last_name: '',
      sender_profile: null,
      sender_username: alice.username,
    });
    expect(typeof received.id).toBe('number');
    expect(received.created_at).toMatch(OFFSET_TIME);
  });

  it('uses a numeric conversation_id even when the client sent a string (C20)', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const socket = await connect(alice);
    const conversationId = await openChat(api, alice, bob);
    socket.send({
      type: 'chat_message',
      conversation_id: String(conversationId),
      body: 'typed',
      msg_type: 'text',
    });
    const echo = await socket.next(isChatFrame);
    expect(echo.conversation_id).toBe(conversationId);
  });

  it('pushes edits and deletes made over HTTP (C13), never resending a deleted body', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const bobSocket = await connect(bob);
    const conversationId = await openChat(api, alice, bob);
    const sent = await api.post<{ data: { id: number } }>(
      '/sendMessage/',
      { conversation_id: conversationId, type: 'text', body: 'first draft' },
      { token: alice.token },
    );
    expect(sent.status).toBe(201);
    const created = await bobSocket.next(isChatFrame);
    expect(created).toMatchObject({ id: sent.body.data.id, body: 'first draft' });

    await api.put(
      '/updateMessage/',
      { message_id: sent.body.data.id, message_body: 'second draft' },
      { token: alice.token },
    );
    const edited = await bobSocket.next(isChatFrame);
    expect(edited).toMatchObject({
      id: sent.body.data.id,
      body: 'second draft',
      is_edited: true,
      event: 'message_edited',
    });

    await api.post('/deleteMessage/', { message_id: sent.body.data.id }, { token: alice.token });
    const deleted = await bobSocket.next(isChatFrame);
    expect(deleted).toMatchObject({ id: sent.body.data.id, status: 'delete', body: '', media_url: null });
  });

  it('pushes the conversation list when a conversation appears', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const bobSocket = await connect(bob);
    const conversationId = await openChat(api, alice, bob);
    const update = await bobSocket.next((f) => f.type === 'conversation_update');
    const list = update.data as Array<{ conversation_id: number; participants: Array<{ user_id: number }> }>;
    expect(list.map((c) => c.conversation_id)).toContain(conversationId);
    expect(
      list.find((c) => c.conversation_id === conversationId)?.participants.map((p) => p.user_id),
    ).toEqual([alice.id]);
  });
});

describe('isolation', () => {
  it('a non-member can neither send, join nor listen', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const mallory = await createUser(api);
    const aliceSocket = await connect(alice);
    const mallorySocket = await connect(mallory);
    const conversationId = await openChat(api, alice, bob);
    const before = await countRows(server.app.deps.db, 'messages');

    mallorySocket.send({
      type: 'chat_message',
      conversation_id: conversationId,
      body: 'let me in',
      msg_type: 'text',
    });
    expect(await mallorySocket.next((f) => 'error' in f)).toEqual({ error: expect.any(String) });
    mallorySocket.send({ type: 'join_conversation', conversation_id: conversationId });
    expect(await mallorySocket.next((f) => 'error' in f)).toEqual({ error: expect.any(String) });
    expect(await countRows(server.app.deps.db, 'messages')).toBe(before);

    aliceSocket.send({
      type: 'chat_message',
      conversation_id: conversationId,
      body: 'secret',
      msg_type: 'text',
    });
    await aliceSocket.next(isChatFrame);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mallorySocket.all(isChatFrame)).toEqual([]);
    expect(JSON.stringify(mallorySocket.frames)).not.toContain('secret');
  });
});

describe('revocation', () => {
  it('closes a socket (4001) as soon as its token is revoked, sign out or everywhere; other devices stay', async () => {
    const user = await createUser(api);
    const secondDevice = (
      await api.post<{ token: string }>('/api/v1/auth/login', { username: user.username, password: PASSWORD })
    ).body.token;
    const first = await connect(user);
    const second = await connect({ ...user, token: secondDevice });
    for (const socket of [first, second]) {
      socket.send({ type: 'fetch_all_users' });
      await socket.next((f) => f.type === 'fetch_all_users');
    }

    // Signing out one device closes its socket at once (well before the minute-long periodic check)...
    const loggedOut = await api.post('/api/v1/auth/logout', undefined, { token: user.token, raw: '' });
    expect(loggedOut.status).toBe(200);
    expect(await first.closedBy(3_000)).toBe(4001);
    // ...and leaves the other device's socket serving.
    second.send({ type: 'fetch_all_users' });
    await second.next((f) => f.type === 'fetch_all_users');
    expect(second.closeCode).toBeUndefined();

    // Signing out everywhere closes the rest.
    const revoked = await api.post('/api/v1/auth/logout-all', undefined, { token: secondDevice, raw: '' });
    expect(revoked.status).toBe(200);
    expect(await second.closedBy(3_000)).toBe(4001);
  });
});

describe('frames', () => {
  it('answers binary, malformed and non-object frames with an error frame and stays open (C18b)', async () => {
    const user = await createUser(api);
    const socket = await connect(user);
    socket.ws.send(Buffer.from([1, 2, 3]));
    expect(await socket.next((f) => 'error' in f)).toMatchObject({
      error: expect.stringContaining('Binary'),
    });
    socket.send('{not json');
    expect(await socket.next((f) => 'error' in f)).toMatchObject({
      error: expect.stringContaining('Invalid JSON'),
    });
    socket.send('[1,2]');
    expect(await socket.next((f) => 'error' in f)).toMatchObject({ error: expect.any(String) });
    socket.send({ type: 'no_such_command' });
    socket.send({ type: 'fetch_all_users' });
    const reply = await socket.next((f) => f.type === 'fetch_all_users');
    expect(Array.isArray(reply.data)).toBe(true);
    expect(socket.closeCode).toBeUndefined();
  });

  it('replies to fetch_all_users and get_all_conversations with the legacy shapes', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(api, alice, bob);
    const socket = await connect(alice);
    socket.send({ type: 'fetch_all_users' });
    const users = await socket.next((f) => f.type === 'fetch_all_users');
    expect((users.data as Array<Record<string, unknown>>).find((u) => u.id === bob.id)).toEqual({
      id: bob.id,
      username: bob.username,
      first_name: '',
      last_name: '',
      profile: null,
      email: bob.email,
    });
    socket.send({ type: 'get_all_conversations' });
    const conversations = await socket.next((f) => f.type === 'get_all_conversations');
    const entry = (conversations.data as Array<Record<string, unknown>>).find(
      (c) => c.conversation_id === conversationId,
    );
    expect(entry).toMatchObject({ conversation_id: conversationId, is_group: false, title: 'New Chat' });
    // The socket's list uses the "+00:00" format (contract §4.3), unlike the HTTP list's "Z".
    expect(entry?.created_at).toMatch(OFFSET_TIME);
  });
});

describe('presence and typing', () => {
  it('counts tabs: a user stays online until the last tab closes (C15), and only contacts see it', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const stranger = await createUser(api);
    await openChat(api, alice, bob);
    const aliceSocket = await connect(alice);
    const strangerSocket = await connect(stranger);
    await aliceSocket.next(isPresenceFrame);

    const bobTab1 = await connect(bob);
    const bobTab2 = await connect(bob);
    expect(
      await aliceSocket.next((f) => isPresenceFrame(f) && (f.users as number[]).includes(bob.id)),
    ).toEqual({
      type: 'connected_users',
      users: [alice.id, bob.id],
    });
    expect((await bobTab2.next(isPresenceFrame)).users).toEqual(expect.arrayContaining([alice.id, bob.id]));

    const afterBobOnline = aliceSocket.frames.length;
    await bobTab1.close();
    // The other tab still works: joining does not fail with a KeyError-style error (C15).
    bobTab2.send({ type: 'fetch_all_users' });
    await bobTab2.next((f) => f.type === 'fetch_all_users');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const laterPresence = aliceSocket.frames.slice(afterBobOnline).filter(isPresenceFrame);
    expect(laterPresence.filter((f) => !(f.users as number[]).includes(bob.id))).toEqual([]);

    await bobTab2.close();
    expect(
      await aliceSocket.next((f) => isPresenceFrame(f) && !(f.users as number[]).includes(bob.id)),
    ).toEqual({
      type: 'connected_users',
      users: [alice.id],
    });
    // Global presence is gone (S27): a stranger never learns about alice or bob.
    expect(
      strangerSocket
        .all(isPresenceFrame)
        .every((f) => (f.users as number[]).every((id) => id === stranger.id)),
    ).toBe(true);
  });

  it('sends typing signals to the other members, with an expiry', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(api, alice, bob);
    const aliceSocket = await connect(alice);
    const bobSocket = await connect(bob);
    aliceSocket.send({ type: 'typing', conversation_id: conversationId });
    const typing = await bobSocket.next((f) => f.type === 'typing');
    expect(typing).toMatchObject({ type: 'typing', conversation_id: conversationId, user_id: alice.id });
    expect(typing.expires_at).toMatch(OFFSET_TIME);
  });

  it('releases presence when a socket is dropped without a close handshake', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    await openChat(api, alice, bob);
    const aliceSocket = await connect(alice);
    const bobSocket = await connect(bob);
    await aliceSocket.next((f) => isPresenceFrame(f) && (f.users as number[]).includes(bob.id));
    bobSocket.ws.terminate();
    await aliceSocket.next((f) => isPresenceFrame(f) && !(f.users as number[]).includes(bob.id));
    await eventually(async () => !(await server.app.deps.runtime.presence.onlineAmong([bob.id])).has(bob.id));
  });
});
