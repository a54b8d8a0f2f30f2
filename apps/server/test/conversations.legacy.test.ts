import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';

// Contract §3.7–3.8 (getConversation, getAllConversations) with the fixes of §11: C1–C7, C9, R1, S9.
const Z_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/;

interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  message: string;
  data: T;
}
interface LegacyConversation {
  conversation_user_ids: string;
  conversation_id: number;
  is_group: boolean;
  title: string;
  latest_message_id: number | null;
  latest_message_body: string | null;
  latest_message_time: string | null;
  created_at: string;
  unread_count: number;
  participants: Array<{ user_id: number; username: string; email: string; profile: string | null }>;
}

let server: TestServer;
let api: TestClient;
let users: TestUser[];

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.baseUrl);
  // Created one after another so that ids ascend without gaps: the substring test needs a one-digit id and two
  // others that contain it ("2" in "12" and "20" once the assistant's account, from migration 0010, holds id 1).
  users = [];
  for (let i = 0; i < 20; i += 1) users.push(await createUser(api));
});
afterAll(() => server.close());

function user(index: number): TestUser {
  const found = users[index];
  if (!found) throw new Error(`no user ${index}`);
  return found;
}

async function countRows(table: 'conversations' | 'conversation_members' | 'messages'): Promise<number> {
  const row = await server.app.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function open(caller: TestUser, body: Record<string, unknown>) {
  return api.post<Envelope>('/getConversation/', body, { token: caller.token });
}

async function listOf(caller: TestUser): Promise<LegacyConversation[]> {
  const res = await api.get<Envelope<LegacyConversation[]>>('/getAllConversations/', { token: caller.token });
  expect(res.status).toBe(200);
  return res.body.data;
}

async function send(caller: TestUser, conversationId: number, body: string): Promise<number> {
  const res = await api.post<Envelope<{ id: number }>>(
    '/sendMessage/',
    { conversation_id: conversationId, type: 'text', body },
    { token: caller.token },
  );
  expect(res.status).toBe(201);
  return res.body.data.id;
}

describe('POST /getConversation/, one-to-one', () => {
  it('creates the chat: 201 with the other user and the stored title', async () => {
    const [a, b] = [user(0), user(1)];
    const res = await open(a, { user_id: String(b.id), is_group: false });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      message: 'New conversation created',
      data: {
        conversation_id: expect.any(Number),
        user_id: b.id,
        username: b.username,
        email: b.email,
        profile: null,
        first_name: '',
        last_name: '',
        title: 'New Chat',
      },
    });
  });

  it('answers 200 for an existing chat, from either side, with numbers, strings or a trailing comma', async () => {
    const [a, b] = [user(0), user(1)];
    const first = await open(a, { user_id: b.id });
    expect(first.status).toBe(200);
    expect(first.body.message).toBe('Conversation already exists');
    const id = first.body.data.conversation_id;

    // The stored title, not the request's (C3).
    const other = await open(b, { user_id: `${a.id},`, title: 'Something else' });
    expect(other.status).toBe(200);
    expect(other.body).toEqual({
      success: true,
      message: 'Conversation already exists',
      data: {
        conversation_id: id,
        user_id: a.id,
        username: a.username,
        email: a.email,
        profile: null,
        first_name: '',
        last_name: '',
        title: 'New Chat',
      },
    });
  });

  it('stores the title given at creation', async () => {
    const res = await open(user(2), { user_id: user(3).id, title: 'Planning' });
    expect(res.status).toBe(201);
    expect(res.body.data.title).toBe('Planning');
    const again = await open(user(3), { user_id: user(2).id });
    expect(again.body.data.title).toBe('Planning');
  });

  it('treats is_group "false" (a string) as false (C5)', async () => {
    const res = await open(user(4), { user_id: String(user(5).id), is_group: 'false' });
    expect(res.status).toBe(201);
    expect(res.body.message).toBe('New conversation created');
    const listed = (await listOf(user(4))).find((c) => c.conversation_id === res.body.data.conversation_id);
    expect(listed?.is_group).toBe(false);
  });

  it("answers a missing user_id in family B' ({success, message}, no data)", async () => {
    for (const body of [{}, { user_id: '' }, { user_id: null }, { user_id: 0 }, { user_id: ',' }]) {
      const res = await open(user(0), body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, message: 'user_id is required' });
    }
  });

  it('refuses unknown users, oneself, several ids and non-numbers, creating nothing (C4, C7)', async () => {
    const before = await countRows('conversations');
    for (const userId of [999_999, user(0).id, `${user(1).id},${user(2).id}`, 'abc']) {
      const res = await open(user(0), { user_id: userId });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, error: expect.any(String) });
    }
    expect(await countRows('conversations')).toBe(before);
  });

  it('needs a token (401, family A) and answers a wrong method with 405 first', async () => {
    const res = await api.post('/getConversation/', { user_id: 1 });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: 'Unauthorized', data: null });
    const wrong = await api.get('/getConversation/');
    expect(wrong.status).toBe(405);
    expect(wrong.body).toEqual({ detail: 'Method "GET" not allowed.' });
  });

  it('makes exactly one conversation for 20 concurrent calls from both sides (R1)', async () => {
    const [a, b] = [user(6), user(7)];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? open(a, { user_id: b.id }) : open(b, { user_id: a.id }))),
    );
    const ids = new Set(results.map((res) => res.body.data.conversation_id));
    expect(ids.size).toBe(1);
    expect(results.filter((res) => res.status === 201)).toHaveLength(1);
    expect(results.filter((res) => res.status === 200)).toHaveLength(19);
    const key = a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`;
    const rows = await server.app.deps.db
      .selectFrom('conversations')
      .select('id')
      .where('direct_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('POST /getConversation/, groups', () => {
  it('creates a group from a comma string: 201, users by id with the caller, profile null', async () => {
    const [a, b, c] = [user(0), user(1), user(2)];
    const res = await open(a, { is_group: true, title: 'Team', user_ids: `${c.id},${b.id},` });
    expect(res.status).toBe(201);
    const summary = (u: TestUser) => ({
      user_id: u.id,
      username: u.username,
      email: u.email,
      first_name: '',
      last_name: '',
      profile: null,
    });
    expect(res.body).toEqual({
      success: true,
      message: 'Group created',
      data: {
        conversation_id: expect.any(Number),
        title: 'Team',
        is_group: true,
        users: [a, b, c].sort((x, y) => x.id - y.id).map(summary),
      },
    });
    // Members in the given order, the caller appended: "c,b,a,".
    const listed = (await listOf(b)).find((conv) => conv.conversation_id === res.body.data.conversation_id);
    expect(listed?.conversation_user_ids).toBe(`${c.id},${b.id},${a.id},`);
    expect(listed?.participants.map((p) => p.user_id)).toEqual([c.id, a.id]);
  });

  it('always creates a new group; dedupes ids; accepts "true" and arrays; default title', async () => {
    const [a, b] = [user(0), user(1)];
    const first = await open(a, { is_group: 'true', user_ids: `${b.id},${b.id},${a.id},` });
    const second = await open(a, { is_group: true, user_ids: [b.id] });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(first.body.data.conversation_id).not.toBe(second.body.data.conversation_id);
    expect(first.body.data.title).toBe('New Chat');
    expect((first.body.data.users as unknown[]).length).toBe(2);
    const listed = (await listOf(a)).find((conv) => conv.conversation_id === first.body.data.conversation_id);
    expect(listed?.conversation_user_ids).toBe(`${b.id},${a.id},`);
  });

  it('answers missing user_ids with B\' "No users selected"', async () => {
    for (const body of [{ is_group: true }, { is_group: true, user_ids: '' }]) {
      const res = await open(user(0), body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, message: 'No users selected' });
    }
  });

  it('refuses unknown or non-numeric ids and a group of one, leaving no orphan conversation (C6)', async () => {
    const before = await countRows('conversations');
    for (const userIds of [`${user(1).id},999999,`, `${user(1).id},x,`, `${user(0).id},`, ',,']) {
      const res = await open(user(0), { is_group: true, user_ids: userIds });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false });
    }
    expect(await countRows('conversations')).toBe(before);
  });
});

describe('GET /getAllConversations/', () => {
  it('lists only conversations the caller is a member of, never by substring (S9)', async () => {
    // A user with two others whose ids contain their id's digits (e.g. 2 → 12 and 20).
    const lookalikesOf = (me: TestUser) =>
      users.filter((u) => u.id !== me.id && String(u.id).includes(String(me.id)));
    const me = users.find((u) => lookalikesOf(u).length >= 2) ?? user(0);
    const lookalikes = lookalikesOf(me);
    expect(lookalikes.length).toBeGreaterThanOrEqual(2);
    const [x, y] = lookalikes as [TestUser, TestUser];
    const theirs = await open(x, { user_id: y.id });
    await send(x, theirs.body.data.conversation_id as number, 'private');

    const mine = await listOf(me);
    expect(mine.map((c) => c.conversation_id)).not.toContain(theirs.body.data.conversation_id);
    for (const conversation of mine) {
      expect(conversation.conversation_user_ids.split(',')).toContain(String(me.id));
      expect(conversation.participants.map((p) => p.user_id)).not.toContain(me.id);
    }
  });

  it('sorts many empty conversations by creation time, newest first (C1, C2)', async () => {
    const me = user(8);
    const created: number[] = [];
    for (const other of [user(9), user(10), user(11)]) {
      const res = await open(me, { user_id: other.id });
      created.push(res.body.data.conversation_id as number);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const list = await listOf(me);
    expect(list.map((c) => c.conversation_id)).toEqual([...created].reverse());
    for (const conversation of list) {
      expect(conversation).toMatchObject({
        latest_message_id: null,
        latest_message_body: null,
        latest_message_time: null,
        unread_count: 0,
      });
      expect(conversation.created_at).toMatch(Z_TIME);
    }
  });

  it('shows the legacy shape, newest activity first, with previews and unread counts', async () => {
    const [me, other] = [user(8), user(10)];
    const conversationId = (await open(me, { user_id: other.id })).body.data.conversation_id as number;
    await send(other, conversationId, 'first');
    const lastId = await send(other, conversationId, 'hello there');

    const list = await listOf(me);
    expect(list[0]).toEqual({
      conversation_user_ids: `${me.id},${other.id},`,
      conversation_id: conversationId,
      is_group: false,
      title: 'New Chat',
      latest_message_id: lastId,
      latest_message_body: 'hello there',
      latest_message_time: expect.stringMatching(Z_TIME),
      created_at: expect.stringMatching(Z_TIME),
      unread_count: 2,
      participants: [
        {
          user_id: other.id,
          username: other.username,
          profile: null,
          first_name: '',
          last_name: '',
          email: other.email,
        },
      ],
    });
    // The sender has nothing unread in it.
    const theirs = (await listOf(other)).find((c) => c.conversation_id === conversationId);
    expect(theirs?.unread_count).toBe(0);
  });

  it('previews a deleted last message as deleted, never its body (C9)', async () => {
    const [me, other] = [user(8), user(11)];
    const conversationId = (await open(me, { user_id: other.id })).body.data.conversation_id as number;
    const messageId = await send(other, conversationId, 'regrettable secret');
    const del = await api.post('/deleteMessage/', { message_id: messageId }, { token: other.token });
    expect(del.status).toBe(200);

    for (const viewer of [me, other]) {
      const listed = (await listOf(viewer)).find((c) => c.conversation_id === conversationId);
      expect(listed?.latest_message_id).toBe(messageId);
      expect(listed?.latest_message_body).toBe('This message was deleted');
      expect(JSON.stringify(listed)).not.toContain('regrettable');
    }
    // Deleted messages are not unread.
    expect((await listOf(me)).find((c) => c.conversation_id === conversationId)?.unread_count).toBe(0);
  });

  it('needs a token and the GET method', async () => {
    const res = await api.get('/getAllConversations/');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: 'Unauthorized', data: null });
    expect((await api.post('/getAllConversations/', {})).status).toBe(405);
  });
});
