import type { AppRouter, schemas } from '@chatapp/api';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { countRows } from './support/conversations';
import { procedures } from './support/procedures';
import { serverForSuite } from './support/suite-server';

// Messages through tRPC and the versioned REST API: cursor paging, sending, edit history, delete, read state and
// members-only access (the conversation procedures are in conversations.v1.test.ts).
type Message = schemas.MessageDto;

const { server, api } = serverForSuite();

const { trpc, statusOf, directChat, sendText } = procedures(() => server());
const count = (table: 'conversations' | 'conversation_members' | 'messages' | 'message_edits') =>
  countRows(server().app.deps.db, table);

describe('history', () => {
  it('pages across 500 messages, returning each exactly once in either direction', async () => {
    const [a, b] = [await createUser(api()), await createUser(api())];
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
      const page = await api().get<{ messages: Message[]; has_more: boolean }>(
        `/api/v1/conversations/${id}/messages?after=${after}&limit=200`,
        { token: a.token },
      );
      expect(page.status).toBe(200);
      forwards.push(...page.body.messages.map((m) => m.id));
      if (!page.body.has_more) break;
      after = forwards.at(-1) ?? 0;
    }
    expect(forwards).toEqual(all);
    // Both bounds: forwards from `after`, below `before`.
    const between = await trpc(a).messages.list.query({
      conversation_id: id,
      after: all[99] as number,
      before: all[150] as number,
      limit: 200,
    });
    expect(between.messages.map((m) => m.id)).toEqual(all.slice(100, 150));
    expect(between.has_more).toBe(false);

    const recent = await trpc(a).messages.listRecent.query({ conversation_id: id });
    expect(recent.map((m) => m.id)).toEqual(all);
  });
});

describe('sending', () => {
  it('is idempotent per client_message_id, permanently, also under concurrent retries', async () => {
    const [a, b] = [await createUser(api()), await createUser(api())];
    const id = await directChat(a, b);
    const other = await directChat(a, await createUser(api()));
    const before = await count('messages');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api().post<{ created: boolean; message: Message }>(
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
    const [a, b] = [await createUser(api()), await createUser(api())];
    const id = await directChat(a, b);
    for (const type of ['image', 'audio'] as const) {
      const res = await api().post<{ message: string }>(
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
    const [a, b, outsider] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const id = await directChat(a, b);
    const message = await sendText(a, id, 'v1');
    const first = await api().patch<Message>(
      `/api/v1/messages/${message.id}`,
      { body: 'v2' },
      { token: a.token },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: message.id, body: 'v2', is_edited: true });
    await trpc(a).messages.edit.mutate({ message_id: message.id, body: 'v3' });

    const history = await api().get<{
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
    const [a, b] = [await createUser(api()), await createUser(api())];
    const id = await directChat(a, b);
    const message = await sendText(a, id, 'the secret v1');
    await trpc(a).messages.edit.mutate({ message_id: message.id, body: 'the secret v2' });

    const deleted = await api().send<Message>('DELETE', `/api/v1/messages/${message.id}`, undefined, {
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
      (await api().get('/getAllConversations/', { token: b.token })).body,
      (await api().post('/getConversationMessages/', { conversation_id: id }, { token: b.token })).body,
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
    const [a, b] = [await createUser(api()), await createUser(api())];
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
    const stale = await api().post<{ last_read_message_id: number; unread_count: number }>(
      `/api/v1/conversations/${id}/read`,
      { message_id: m1.id },
      { token: b.token },
    );
    expect(stale.body).toMatchObject({ last_read_message_id: m2.id, unread_count: 1 });

    await trpc(a).messages.delete.mutate({ message_id: m3.id });
    expect(await unreadOf(b)).toBe(0);

    // A message of another conversation cannot be used as the mark.
    const elsewhere = await sendText(a, await directChat(a, await createUser(api())), 'elsewhere');
    expect(
      await statusOf(
        trpc(b).conversations.markRead.mutate({ conversation_id: id, message_id: elsewhere.id }),
      ),
    ).toBe(404);
  });
});

describe('lists and history', () => {
  it('counts unread per listed conversation, each from its own read mark', async () => {
    const [a, b, c] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const withB = await directChat(a, b);
    const withC = await directChat(a, c);
    const group = (await trpc(b).conversations.createGroup.mutate({ title: 'Three', user_ids: [a.id, c.id] }))
      .id;
    const b1 = await sendText(b, withB, 'b1');
    await sendText(b, withB, 'b2');
    // Sending moves the sender's own mark: only what others sent after it counts.
    await sendText(a, withC, 'mine');
    await sendText(c, withC, 'c1');
    await sendText(b, group, 'g1');
    const g2 = await sendText(c, group, 'g2');
    await sendText(b, group, 'g3');
    await trpc(a).conversations.markRead.mutate({ conversation_id: withB, message_id: b1.id });
    await trpc(a).conversations.markRead.mutate({ conversation_id: group, message_id: g2.id });

    const page = await trpc(a).conversations.list.query();
    const unread = Object.fromEntries(page.conversations.map((conv) => [conv.id, conv.unread_count]));
    expect(unread).toEqual({ [withB]: 1, [withC]: 1, [group]: 1 });
    // Newest activity first; each with its own last message and sender.
    expect(
      page.conversations.map((conv) => [conv.id, conv.last_message?.body, conv.last_message?.sender.id]),
    ).toEqual([
      [group, 'g3', b.id],
      [withC, 'c1', c.id],
      [withB, 'b2', b.id],
    ]);
    expect((await trpc(c).conversations.list.query()).conversations.map((conv) => conv.unread_count)).toEqual(
      [1, 0],
    );
  });

  it('gives every message of a history page its own sender', async () => {
    const [a, b, c] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const group = (
      await trpc(a).conversations.createGroup.mutate({ title: 'Senders', user_ids: [b.id, c.id] })
    ).id;
    const authors = [a, b, c, b, a, c];
    for (const [index, author] of authors.entries()) await sendText(author, group, `m${index}`);
    const page = await trpc(c).messages.list.query({ conversation_id: group });
    expect(
      page.messages.map((message) => [message.body, message.sender_id, message.sender.username]),
    ).toEqual(authors.map((author, index) => [`m${index}`, author.id, author.username]));
  });
});

describe('non-members', () => {
  it('can neither read, send, edit, delete, mark nor learn anything about a conversation (S4, S5)', async () => {
    const [a, b, eve] = [await createUser(api()), await createUser(api()), await createUser(api())];
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
