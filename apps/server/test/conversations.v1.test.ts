import type { AppRouter, schemas } from '@chatapp/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';

// Conversations and messages through the versioned REST API (/api/v1) and tRPC (/trpc): the same procedures the
// legacy routes use, with ISO times, JSON-number ids, cursor paging, edit history, read state and members-only access.
type Conversation = schemas.ConversationDto;
type Message = schemas.MessageDto;

let server: TestServer;
let api: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.baseUrl);
});
afterAll(() => server.close());

function trpc(user: TestUser) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${server.baseUrl}/trpc`, headers: () => ({ authorization: `Bearer ${user.token}` }) }),
    ],
  });
}

/** The HTTP status of a failed tRPC call (fails the test if the call succeeded). */
async function statusOf(call: Promise<unknown>): Promise<number | undefined> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  return (error as TRPCClientError<AppRouter>).data?.httpStatus;
}

async function count(
  table: 'conversations' | 'conversation_members' | 'messages' | 'message_edits',
): Promise<number> {
  const row = await server.app.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function directChat(a: TestUser, b: TestUser): Promise<number> {
  return (await trpc(a).conversations.openDirect.mutate({ user_id: b.id })).conversation.id;
}

async function sendText(user: TestUser, conversationId: number, body: string): Promise<Message> {
  return (await trpc(user).messages.send.mutate({ conversation_id: conversationId, body })).message;
}

describe('REST v1', () => {
  it('opens a 1:1 chat, lists it and reads it, with ISO times and number ids', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const opened = await api.post<{ created: boolean; conversation: Conversation }>(
      '/api/v1/conversations/direct',
      { user_id: b.id },
      { token: a.token },
    );
    expect(opened.status).toBe(200);
    expect(opened.body.created).toBe(true);
    const conversation = opened.body.conversation;
    expect(conversation).toMatchObject({
      title: 'New Chat',
      is_group: false,
      created_by: a.id,
      members: [{ id: a.id }, { id: b.id }],
      participants: [{ id: b.id, username: b.username, email: b.email }],
      last_message: null,
      unread_count: 0,
      last_read_message_id: null,
    });
    expect(conversation.created_at).toMatch(/Z$/);

    const again = await api.post<{ created: boolean; conversation: Conversation }>(
      '/api/v1/conversations/direct',
      { user_id: String(a.id) },
      { token: b.token },
    );
    expect(again.body).toMatchObject({ created: false, conversation: { id: conversation.id } });

    const sent = await api.post<{ created: boolean; message: Message }>(
      `/api/v1/conversations/${conversation.id}/messages`,
      { body: 'over REST' },
      { token: a.token },
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      created: true,
      message: {
        conversation_id: conversation.id,
        sender_id: a.id,
        type: 'text',
        body: 'over REST',
        status: 'active',
        is_edited: false,
        media_url: null,
        deleted_at: null,
        sender: { id: a.id, username: a.username },
      },
    });

    const list = await api.get<{ conversations: Conversation[]; next_cursor: string | null }>(
      '/api/v1/conversations',
      {
        token: b.token,
      },
    );
    expect(list.status).toBe(200);
    expect(list.body.next_cursor).toBeNull();
    expect(list.body.conversations).toHaveLength(1);
    expect(list.body.conversations[0]).toMatchObject({
      id: conversation.id,
      participants: [{ id: a.id }],
      last_message: { id: sent.body.message.id, body: 'over REST' },
      unread_count: 1,
    });

    const one = await api.get<Conversation>(`/api/v1/conversations/${conversation.id}`, { token: b.token });
    expect(one.body.id).toBe(conversation.id);

    const page = await api.get<{ messages: Message[]; has_more: boolean }>(
      `/api/v1/conversations/${conversation.id}/messages?limit=10`,
      { token: b.token },
    );
    expect(page.body).toEqual({ messages: [sent.body.message], has_more: false });
  });

  it('answers 401 without a token, 404 to outsiders, 400 for bad paging', async () => {
    const [a, b, outsider] = [await createUser(api), await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    expect((await api.get('/api/v1/conversations')).status).toBe(401);
    const hidden = await api.get<{ message: string }>(`/api/v1/conversations/${id}`, {
      token: outsider.token,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toBe('Conversation not found');
    expect((await api.get(`/api/v1/conversations/${id}/messages?limit=201`, { token: a.token })).status).toBe(
      400,
    );
    expect(
      (await api.get(`/api/v1/conversations/${id}/messages?before=abc`, { token: a.token })).status,
    ).toBe(400);
    const missing = await api.post<{ issues: Array<{ path: string[]; message: string }> }>(
      '/api/v1/conversations/direct',
      {},
      { token: a.token },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toMatchObject([{ path: ['user_id'], message: 'Required' }]);
  });
});

describe('one-to-one conversations (tRPC)', () => {
  it('yields exactly one conversation for 20 concurrent calls from both sides (R1)', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const before = await count('conversations');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? trpc(a).conversations.openDirect.mutate({ user_id: b.id })
          : trpc(b).conversations.openDirect.mutate({ user_id: a.id }),
      ),
    );
    expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await count('conversations')).toBe(before + 1);
  });

  it('refuses oneself and unknown users with a 400', async () => {
    const a = await createUser(api);
    expect(await statusOf(trpc(a).conversations.openDirect.mutate({ user_id: a.id }))).toBe(400);
    expect(await statusOf(trpc(a).conversations.openDirect.mutate({ user_id: 987_654 }))).toBe(400);
  });
});

describe('groups (tRPC)', () => {
  it('creates, adds, removes and leaves; removed members lose access at once', async () => {
    const [owner, b, c, d] = [
      await createUser(api),
      await createUser(api),
      await createUser(api),
      await createUser(api),
    ];
    const group = await trpc(owner).conversations.createGroup.mutate({
      title: 'Crew',
      user_ids: [b.id, b.id],
    });
    expect(group).toMatchObject({ title: 'Crew', is_group: true, members: [{ id: b.id }, { id: owner.id }] });

    const added = await trpc(b).conversations.addMembers.mutate({
      conversation_id: group.id,
      user_ids: [c.id, owner.id, d.id],
    });
    expect(added.added_user_ids).toEqual([c.id, d.id]);
    expect(added.conversation.members.map((m) => m.id)).toEqual([b.id, owner.id, c.id, d.id]);

    // Only the creator removes others.
    expect(
      await statusOf(trpc(b).conversations.removeMember.mutate({ conversation_id: group.id, user_id: c.id })),
    ).toBe(403);
    const removed = await trpc(owner).conversations.removeMember.mutate({
      conversation_id: group.id,
      user_id: c.id,
    });
    expect(removed.conversation?.members.map((m) => m.id)).toEqual([b.id, owner.id, d.id]);
    expect(await statusOf(trpc(c).conversations.get.query({ conversation_id: group.id }))).toBe(404);
    expect(
      await statusOf(trpc(c).messages.send.mutate({ conversation_id: group.id, body: 'still here?' })),
    ).toBe(404);

    const left = await trpc(d).conversations.leave.mutate({ conversation_id: group.id });
    expect(left).toEqual({ conversation_id: group.id, user_id: d.id });
    const dList = await trpc(d).conversations.list.query();
    expect(dList.conversations.map((conv) => conv.id)).not.toContain(group.id);
  });

  it('refuses member changes on a 1:1 chat and groups of unknown users', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    expect(
      await statusOf(trpc(a).conversations.addMembers.mutate({ conversation_id: id, user_ids: [b.id] })),
    ).toBe(400);
    const before = await count('conversations');
    expect(await statusOf(trpc(a).conversations.createGroup.mutate({ user_ids: [b.id, 987_654] }))).toBe(400);
    expect(await count('conversations')).toBe(before);
  });
});

describe('conversation list', () => {
  it('pages with a cursor, newest activity first, each conversation exactly once', async () => {
    const me = await createUser(api);
    const others = await Promise.all(Array.from({ length: 7 }, () => createUser(api)));
    const ids: number[] = [];
    for (const other of others) ids.push(await directChat(me, other));
    // Activity moves the oldest one to the top.
    const [oldest] = ids as [number];
    await sendText(others[0] as TestUser, oldest, 'bump');
    const expected = [oldest, ...ids.slice(1).reverse()];

    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await trpc(me).conversations.list.query({ limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.conversations.length).toBeLessThanOrEqual(3);
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(await statusOf(trpc(me).conversations.list.query({ cursor: 'garbage' }))).toBe(400);
  });
});

describe('history', () => {
  it('pages across 500 messages, returning each exactly once in either direction', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    const sent: number[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const messages = await Promise.all(
        Array.from({ length: 50 }, (_, i) => sendText(i % 2 ? a : b, id, `message ${batch * 50 + i}`)),
      );
      sent.push(...messages.map((m) => m.id));
    }
    const all = [...sent].sort((x, y) => x - y);
    expect(new Set(all).size).toBe(500);

    const newest = await trpc(a).messages.list.query({ conversation_id: id });
    expect(newest.messages.map((m) => m.id)).toEqual(all.slice(-50));
    expect(newest.has_more).toBe(true);

    const backwards: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await trpc(b).messages.list.query({
        conversation_id: id,
        limit: 37,
        ...(before ? { before } : {}),
      });
      backwards.unshift(...page.messages.map((m) => m.id));
      if (!page.has_more) break;
      before = page.messages[0]?.id;
    }
    expect(backwards).toEqual(all);

    const forwards: number[] = [];
    let after = 0;
    for (;;) {
      const page = await api.get<{ messages: Message[]; has_more: boolean }>(
        `/api/v1/conversations/${id}/messages?after=${after}&limit=200`,
        { token: a.token },
      );
      expect(page.status).toBe(200);
      forwards.push(...page.body.messages.map((m) => m.id));
      if (!page.body.has_more) break;
      after = forwards.at(-1) ?? 0;
    }
    expect(forwards).toEqual(all);

    const recent = await trpc(a).messages.listRecent.query({ conversation_id: id });
    expect(recent.map((m) => m.id)).toEqual(all);
  });
});

describe('sending', () => {
  it('is idempotent per client_message_id, permanently, also under concurrent retries', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    const other = await directChat(a, await createUser(api));
    const before = await count('messages');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.post<{ created: boolean; message: Message }>(
          `/api/v1/conversations/${id}/messages`,
          { body: 'exactly once', client_message_id: 'c-42' },
          { token: a.token },
        ),
      ),
    );
    expect(new Set(results.map((r) => r.body.message.id)).size).toBe(1);
    expect(results.filter((r) => r.body.created)).toHaveLength(1);
    // A later retry, with a different body, still answers the first message.
    const late = await trpc(a).messages.send.mutate({
      conversation_id: id,
      body: 'changed',
      client_message_id: 'c-42',
    });
    expect(late).toMatchObject({ created: false, message: { body: 'exactly once' } });
    // The same id from another user is another message.
    const bobs = await trpc(b).messages.send.mutate({
      conversation_id: id,
      body: 'mine',
      client_message_id: 'c-42',
    });
    expect(bobs.created).toBe(true);
    // Reusing it in another conversation is a conflict.
    expect(
      await statusOf(
        trpc(a).messages.send.mutate({ conversation_id: other, body: 'x', client_message_id: 'c-42' }),
      ),
    ).toBe(409);
    expect(await count('messages')).toBe(before + 2);
  });

  it('refuses image and audio without media (media.v1.test.ts covers sending them)', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    for (const type of ['image', 'audio'] as const) {
      const res = await api.post<{ message: string }>(
        `/api/v1/conversations/${id}/messages`,
        { type, body: 'caption' },
        { token: a.token },
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(`An ${type} message needs media`);
    }
  });
});

describe('edit history and delete', () => {
  it('keeps every earlier version, readable by members only', async () => {
    const [a, b, outsider] = [await createUser(api), await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    const message = await sendText(a, id, 'v1');
    const first = await api.patch<Message>(
      `/api/v1/messages/${message.id}`,
      { body: 'v2' },
      { token: a.token },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: message.id, body: 'v2', is_edited: true });
    await trpc(a).messages.edit.mutate({ message_id: message.id, body: 'v3' });

    const history = await api.get<{
      message: Message;
      edits: Array<{ previous_body: string; edited_at: string }>;
    }>(`/api/v1/messages/${message.id}/edits`, { token: b.token });
    expect(history.status).toBe(200);
    expect(history.body.message.body).toBe('v3');
    expect(history.body.edits.map((e) => e.previous_body)).toEqual(['v1', 'v2']);
    expect(history.body.edits[0]?.edited_at).toMatch(/Z$/);

    expect(await statusOf(trpc(outsider).messages.edits.query({ message_id: message.id }))).toBe(404);
    expect(await statusOf(trpc(b).messages.edit.mutate({ message_id: message.id, body: 'not yours' }))).toBe(
      403,
    );
  });

  it('hides the body of a deleted message everywhere: result, preview, history, edit history, legacy lists', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    const message = await sendText(a, id, 'the secret v1');
    await trpc(a).messages.edit.mutate({ message_id: message.id, body: 'the secret v2' });

    const deleted = await api.send<Message>('DELETE', `/api/v1/messages/${message.id}`, undefined, {
      token: a.token,
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: message.id, status: 'delete', body: '', media_url: null });
    expect(deleted.body.deleted_at).toMatch(/Z$/);

    const reads: unknown[] = [
      await trpc(b).conversations.list.query(),
      await trpc(b).conversations.get.query({ conversation_id: id }),
      await trpc(b).messages.list.query({ conversation_id: id }),
      await trpc(b).messages.listRecent.query({ conversation_id: id }),
      await trpc(b).messages.edits.query({ message_id: message.id }),
      (await api.get('/getAllConversations/', { token: b.token })).body,
      (await api.post('/getConversationMessages/', { conversation_id: id }, { token: b.token })).body,
    ];
    for (const read of reads) expect(JSON.stringify(read)).not.toContain('secret');
    const preview = await trpc(b).conversations.get.query({ conversation_id: id });
    expect(preview.last_message).toMatchObject({ id: message.id, status: 'delete', body: '' });
    expect((await trpc(b).messages.edits.query({ message_id: message.id })).edits).toEqual([]);

    expect(await statusOf(trpc(a).messages.delete.mutate({ message_id: message.id }))).toBe(400);
    expect(await statusOf(trpc(a).messages.edit.mutate({ message_id: message.id, body: 'revive' }))).toBe(
      400,
    );
  });
});

describe('read state and unread counts', () => {
  it('counts others’ undeleted messages after the read mark, which only moves forward', async () => {
    const [a, b] = [await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    const m1 = await sendText(a, id, 'one');
    const m2 = await sendText(a, id, 'two');
    const m3 = await sendText(a, id, 'three');
    const unreadOf = async (user: TestUser) =>
      (await trpc(user).conversations.get.query({ conversation_id: id })).unread_count;
    expect(await unreadOf(b)).toBe(3);
    expect(await unreadOf(a)).toBe(0);

    expect(await trpc(b).conversations.markRead.mutate({ conversation_id: id, message_id: m2.id })).toEqual({
      conversation_id: id,
      last_read_message_id: m2.id,
      unread_count: 1,
    });
    // An older mark (a late request from another tab) does not move it back.
    const stale = await api.post<{ last_read_message_id: number; unread_count: number }>(
      `/api/v1/conversations/${id}/read`,
      { message_id: m1.id },
      { token: b.token },
    );
    expect(stale.body).toMatchObject({ last_read_message_id: m2.id, unread_count: 1 });

    await trpc(a).messages.delete.mutate({ message_id: m3.id });
    expect(await unreadOf(b)).toBe(0);

    // A message of another conversation cannot be used as the mark.
    const elsewhere = await sendText(a, await directChat(a, await createUser(api)), 'elsewhere');
    expect(
      await statusOf(
        trpc(b).conversations.markRead.mutate({ conversation_id: id, message_id: elsewhere.id }),
      ),
    ).toBe(404);
  });
});

describe('non-members', () => {
  it('can neither read, send, edit, delete, mark nor learn anything about a conversation (S4, S5)', async () => {
    const [a, b, eve] = [await createUser(api), await createUser(api), await createUser(api)];
    const id = await directChat(a, b);
    const message = await sendText(a, id, 'for b only');
    const group = await trpc(a).conversations.createGroup.mutate({ title: 'Closed', user_ids: [b.id] });
    const counts = async () =>
      Promise.all([
        count('messages'),
        count('message_edits'),
        count('conversation_members'),
        count('conversations'),
      ]);
    const before = await counts();

    const asEve = trpc(eve);
    const attempts: Array<() => Promise<unknown>> = [
      () => asEve.conversations.get.query({ conversation_id: id }),
      () => asEve.messages.list.query({ conversation_id: id }),
      () => asEve.messages.listRecent.query({ conversation_id: id }),
      () => asEve.messages.send.mutate({ conversation_id: id, body: 'let me in' }),
      () => asEve.messages.edit.mutate({ message_id: message.id, body: 'defaced' }),
      () => asEve.messages.delete.mutate({ message_id: message.id }),
      () => asEve.messages.edits.query({ message_id: message.id }),
      () => asEve.conversations.markRead.mutate({ conversation_id: id, message_id: message.id }),
      () => asEve.conversations.addMembers.mutate({ conversation_id: group.id, user_ids: [eve.id] }),
      () => asEve.conversations.removeMember.mutate({ conversation_id: group.id, user_id: b.id }),
      () => asEve.conversations.leave.mutate({ conversation_id: group.id }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TRPCClientError);
      const trpcError = error as TRPCClientError<AppRouter>;
      expect(trpcError.data?.httpStatus).toBe(404);
      expect(trpcError.message).toMatch(/^(Conversation|Message) not found\.?$/);
    }
    // The same answer as for ids that do not exist at all.
    expect(await statusOf(asEve.conversations.get.query({ conversation_id: 987_654 }))).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await asEve.conversations.list.query()).conversations).toEqual([]);
    const untouched = await trpc(b).messages.list.query({ conversation_id: id });
    expect(untouched.messages).toMatchObject([{ id: message.id, body: 'for b only', status: 'active' }]);
  });
});
