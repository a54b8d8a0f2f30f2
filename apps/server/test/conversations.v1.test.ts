import { schemas } from '@chatapp/api';
import { describe, expect, it } from 'vitest';
import { createUser, createUsers, type TestUser } from './support/accounts';
import { countRows } from './support/conversations';
import { procedures } from './support/procedures';
import { serverForSuite } from './support/suite-server';

// Conversations and messages through the versioned REST API (/api/v1) and tRPC (/trpc): the same procedures the
// legacy routes use, with ISO times, JSON-number ids, cursor paging, edit history, read state and members-only access.
type Conversation = schemas.ConversationDto;
type Message = schemas.MessageDto;

const { server, api } = serverForSuite();

const { trpc, statusOf, directChat, sendText } = procedures(() => server());
const count = (table: 'conversations' | 'conversation_members' | 'messages' | 'message_edits') =>
  countRows(server().app.deps.db, table);

describe('REST v1', () => {
  it('opens a 1:1 chat, lists it and reads it, with ISO times and number ids', async () => {
    const [a, b] = [await createUser(api()), await createUser(api())];
    const opened = await api().post<{ created: boolean; conversation: Conversation }>(
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
      // Each member's address is shown to that member alone (S26).
      members: [
        { id: a.id, email: a.email },
        { id: b.id, email: '' },
      ],
      participants: [{ id: b.id, username: b.username, email: '' }],
      last_message: null,
      unread_count: 0,
      last_read_message_id: null,
    });
    expect(conversation.created_at).toMatch(/Z$/);

    const again = await api().post<{ created: boolean; conversation: Conversation }>(
      '/api/v1/conversations/direct',
      { user_id: String(a.id) },
      { token: b.token },
    );
    expect(again.body).toMatchObject({ created: false, conversation: { id: conversation.id } });

    const sent = await api().post<{ created: boolean; message: Message }>(
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

    const list = await api().get<{ conversations: Conversation[]; next_cursor: string | null }>(
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

    const one = await api().get<Conversation>(`/api/v1/conversations/${conversation.id}`, { token: b.token });
    expect(one.body.id).toBe(conversation.id);

    const page = await api().get<{ messages: Message[]; has_more: boolean }>(
      `/api/v1/conversations/${conversation.id}/messages?limit=10`,
      { token: b.token },
    );
    expect(page.body).toEqual({ messages: [sent.body.message], has_more: false });
  });

  it('answers 401 without a token, 404 to outsiders, 400 for bad paging', async () => {
    const [a, b, outsider] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const id = await directChat(a, b);
    expect((await api().get('/api/v1/conversations')).status).toBe(401);
    const hidden = await api().get<{ message: string }>(`/api/v1/conversations/${id}`, {
      token: outsider.token,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.message).toBe('Conversation not found');
    expect(
      (await api().get(`/api/v1/conversations/${id}/messages?limit=201`, { token: a.token })).status,
    ).toBe(400);
    expect(
      (await api().get(`/api/v1/conversations/${id}/messages?before=abc`, { token: a.token })).status,
    ).toBe(400);
    const missing = await api().post<{ issues: Array<{ path: string[]; message: string }> }>(
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
    const [a, b] = [await createUser(api()), await createUser(api())];
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
    const a = await createUser(api());
    expect(await statusOf(trpc(a).conversations.openDirect.mutate({ user_id: a.id }))).toBe(400);
    expect(await statusOf(trpc(a).conversations.openDirect.mutate({ user_id: 987_654 }))).toBe(400);
  });
});

describe('groups (tRPC)', () => {
  it('creates, adds, removes and leaves; removed members lose access at once', async () => {
    const [owner, b, c, d] = (await createUsers(api(), 4)) as [TestUser, TestUser, TestUser, TestUser];
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
    const [a, b] = [await createUser(api()), await createUser(api())];
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
    const me = await createUser(api());
    const others = await Promise.all(Array.from({ length: 7 }, () => createUser(api())));
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

describe('conversation list details', () => {
  it('shows every viewer the same members in join order, and the last sender after they left', async () => {
    const [owner, b, c, d] = (await createUsers(api(), 4)) as [TestUser, TestUser, TestUser, TestUser];
    const group = await trpc(owner).conversations.createGroup.mutate({
      title: 'Order',
      user_ids: [c.id, b.id],
    });
    await trpc(owner).conversations.addMembers.mutate({ conversation_id: group.id, user_ids: [d.id] });
    // The stored join order, read from the table itself: each viewer stands at a different place in it.
    const joinOrder = (
      await server()
        .app.deps.db.selectFrom('conversation_members')
        .select('user_id')
        .where('conversation_id', '=', group.id)
        .orderBy('position')
        .orderBy('user_id')
        .execute()
    ).map((row) => row.user_id);
    expect(joinOrder).toHaveLength(4);
    const everyone = [owner, b, c, d];
    for (const viewer of everyone) {
      const listed = (await trpc(viewer).conversations.list.query()).conversations.find(
        (conv) => conv.id === group.id,
      );
      expect(listed?.members.map((m) => m.id)).toEqual(joinOrder);
      expect(listed?.participants.map((m) => m.id)).toEqual(joinOrder.filter((id) => id !== viewer.id));
      const self = listed?.members.find((m) => m.id === viewer.id);
      expect(self).toMatchObject({ username: viewer.username, email: viewer.email });
    }

    // A sender who has left is no longer a member, yet their message keeps its sender.
    await sendText(d, group.id, 'bye');
    await trpc(d).conversations.leave.mutate({ conversation_id: group.id });
    const seen = (await trpc(b).conversations.list.query()).conversations.find(
      (conv) => conv.id === group.id,
    );
    expect(seen?.members.map((m) => m.id)).toEqual(joinOrder.filter((id) => id !== d.id));
    expect(seen?.last_message).toMatchObject({
      body: 'bye',
      sender_id: d.id,
      sender: { id: d.id, username: d.username },
    });
  });

  it('answers lists and history exactly as their schemas would (they are not re-validated on the way out)', async () => {
    const [a, b, c] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const group = await trpc(a).conversations.createGroup.mutate({ title: 'Exact', user_ids: [b.id, c.id] });
    const direct = await directChat(a, b);
    await directChat(a, c); // no message: null last message and read mark
    await sendText(b, group.id, 'hello');
    const deleted = await sendText(c, group.id, 'gone');
    await trpc(c).messages.delete.mutate({ message_id: deleted.id });
    const read = await sendText(b, direct, 'read me');
    await trpc(a).conversations.markRead.mutate({ conversation_id: direct, message_id: read.id });

    const exact = (schema: { parse(value: unknown): unknown }, value: unknown) =>
      expect(JSON.stringify(schema.parse(value))).toBe(JSON.stringify(value));
    for (const viewer of [a, b, c]) {
      const page = await api().get<{ conversations: Conversation[]; next_cursor: string | null }>(
        '/api/v1/conversations',
        { token: viewer.token },
      );
      expect(page.body.conversations.length).toBeGreaterThan(0);
      for (const conversation of page.body.conversations) exact(schemas.conversationSchema, conversation);
      const history = await trpc(viewer).messages.list.query({ conversation_id: group.id });
      expect(history.messages.map((m) => m.status)).toEqual(['active', 'delete']);
      for (const message of history.messages) exact(schemas.messageSchema, message);
      for (const message of await trpc(viewer).messages.listRecent.query({ conversation_id: group.id })) {
        exact(schemas.messageSchema, message);
      }
    }
  });
});
