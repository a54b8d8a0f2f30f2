import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client } from './support/http';
import { dataUrl, pngWithExif } from './support/media';
import { procedures } from './support/procedures';
import { requireRedis, TEST_REDIS_URL } from './support/redis';
import { serverForSuite } from './support/suite-server';
import { useTwoProcesses } from './support/two-processes';

// The first page of a conversation list is kept between requests (conversations/page-cache.ts). Every change to
// it must show on the very next list, on the process that made it and on any other behind Redis.

describe('a kept conversation list', () => {
  const { server, api } = serverForSuite();
  const { trpc, directChat, sendText } = procedures(() => server());

  /** Lists twice (the second list is the kept one) and returns the second. */
  async function listTwice(user: TestUser) {
    await trpc(user).conversations.list.query();
    return trpc(user).conversations.list.query();
  }
  const find = async (user: TestUser, conversationId: number) =>
    (await listTwice(user)).conversations.find((c) => c.id === conversationId);

  it('shows every change on the next list: messages, edits, deletes, read marks, members, profiles', async () => {
    const [alice, bob, carol] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const chat = await directChat(bob, alice);
    expect(await find(alice, chat)).toMatchObject({ last_message: null, unread_count: 0 });

    const first = await sendText(bob, chat, 'hello alice');
    expect(await find(alice, chat)).toMatchObject({ last_message: { id: first.id }, unread_count: 1 });

    await trpc(bob).messages.edit.mutate({ message_id: first.id, body: 'hello, Alice' });
    expect(await find(alice, chat)).toMatchObject({
      last_message: { id: first.id, body: 'hello, Alice', is_edited: true },
      unread_count: 1,
    });

    await trpc(alice).conversations.markRead.mutate({ conversation_id: chat, message_id: first.id });
    expect(await find(alice, chat)).toMatchObject({ unread_count: 0, last_read_message_id: first.id });

    const second = await sendText(bob, chat, 'one more');
    expect(await find(alice, chat)).toMatchObject({ last_message: { id: second.id }, unread_count: 1 });
    await trpc(bob).messages.delete.mutate({ message_id: second.id });
    expect(await find(alice, chat)).toMatchObject({ last_message: { id: second.id }, unread_count: 0 });
    expect((await find(alice, chat))?.last_message?.body).not.toBe('one more');

    // Alice's own reply moves her read mark.
    const reply = await sendText(alice, chat, 'hi bob');
    expect(await find(alice, chat)).toMatchObject({ last_read_message_id: reply.id, unread_count: 0 });

    // A group that Carol creates with Alice appears; removed, it disappears.
    const group = await trpc(carol).conversations.createGroup.mutate({
      title: 'Lunch',
      user_ids: [alice.id],
    });
    expect((await listTwice(alice)).conversations[0]?.id).toBe(group.id);
    await trpc(carol).conversations.removeMember.mutate({ conversation_id: group.id, user_id: alice.id });
    expect(await find(alice, group.id)).toBeUndefined();
    // Added back, with a member more.
    await trpc(carol).conversations.addMembers.mutate({
      conversation_id: group.id,
      user_ids: [alice.id, bob.id],
    });
    expect((await find(alice, group.id))?.participants.map((p) => p.id).sort()).toEqual(
      [bob.id, carol.id].sort(),
    );

    // Profiles are kept with the page: a new name or picture shows at once all the same.
    await trpc(bob).users.updateMe.mutate({ first_name: 'Robert' });
    expect((await find(alice, chat))?.participants).toMatchObject([{ id: bob.id, first_name: 'Robert' }]);
    const pictured = await trpc(bob).users.updateMe.mutate({
      profile: dataUrl(await pngWithExif(40, 40), 'image/png'),
    });
    expect(pictured.profile).toBeTruthy();
    expect((await find(alice, chat))?.participants).toMatchObject([
      { id: bob.id, profile: pictured.profile },
    ]);
    // A refused update changes nothing, and the page is still the kept one.
    await expect(trpc(bob).users.updateMe.mutate({ email: 'not an email' })).rejects.toThrow();
    expect((await find(alice, chat))?.participants).toMatchObject([{ id: bob.id, first_name: 'Robert' }]);
  });

  it('is reused until an event reaches its user: a row written around the domain shows after the next event', async () => {
    const [alice, bob] = [await createUser(api()), await createUser(api())];
    const chat = await directChat(bob, alice);
    await sendText(bob, chat, 'kept');
    await listTwice(alice);
    // Written straight to the database, as nothing in the product does: no event, so the kept page still shows.
    await server()
      .app.deps.db.updateTable('conversations')
      .set({ title: 'renamed behind its back' })
      .where('id', '=', chat)
      .execute();
    expect((await find(alice, chat))?.title).not.toBe('renamed behind its back');
    // The next event for Alice drops her page.
    await sendText(bob, chat, 'news');
    expect((await find(alice, chat))?.title).toBe('renamed behind its back');
  });

  it('pages after a cursor and other page sizes are read as before', async () => {
    const [alice, bob, carol] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const older = await directChat(bob, alice);
    await sendText(bob, older, 'older');
    const newer = await directChat(carol, alice);
    await sendText(carol, newer, 'newer');
    const firstPage = await trpc(alice).conversations.list.query({ limit: 1 });
    expect(firstPage.conversations.map((c) => c.id)).toEqual([newer]);
    const secondPage = await trpc(alice).conversations.list.query({
      limit: 1,
      cursor: firstPage.next_cursor ?? '',
    });
    expect(secondPage.conversations.map((c) => c.id)).toEqual([older]);
    await sendText(bob, older, 'now newest');
    expect((await trpc(alice).conversations.list.query({ limit: 1 })).conversations.map((c) => c.id)).toEqual(
      [older],
    );
    expect((await listTwice(alice)).conversations.map((c) => c.id)).toEqual([older, newer]);
  });
});

const redis = await requireRedis();

describe.runIf(redis)('a kept conversation list with two processes on Redis', () => {
  const servers = useTwoProcesses({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:`,
  });

  it('a change made on one process shows on the very next list on the other', async () => {
    const apiA = client(servers.inProcess().baseUrl);
    const apiB = client(servers.other().baseUrl);
    const [alice, bob] = [await createUser(apiA), await createUser(apiA)];
    const legacyList = async () =>
      (
        await apiB.get<{ data: Array<{ conversation_id: number; latest_message_id: number | null }> }>(
          '/getAllConversations/',
          { token: alice.token },
        )
      ).body.data;
    const opened = await apiA.post<{ data: { conversation_id: number } }>(
      '/getConversation/',
      { user_id: alice.id, is_group: false },
      { token: bob.token },
    );
    const chat = opened.body.data.conversation_id;
    for (let i = 0; i < 20; i += 1) {
      await legacyList();
      await legacyList();
      // Sent on A; listed on B as soon as A has answered, before B has necessarily heard of it through Redis.
      const sent = await apiA.post<{ data: { id: number } }>(
        '/sendMessage/',
        { conversation_id: chat, type: 'text', body: `message ${i}` },
        { token: bob.token },
      );
      expect(sent.status).toBe(201);
      const listed = (await legacyList()).find((c) => c.conversation_id === chat);
      expect(listed?.latest_message_id).toBe(sent.body.data.id);
    }
  });

  it('a profile changed on one process shows on the very next list on the other', async () => {
    const apiA = client(servers.inProcess().baseUrl);
    const apiB = client(servers.other().baseUrl);
    const [alice, bob] = [await createUser(apiA), await createUser(apiA)];
    await apiA.post('/getConversation/', { user_id: alice.id, is_group: false }, { token: bob.token });
    const bobAsListedOnB = async () => {
      const list = await apiB.get<{
        data: Array<{ participants: Array<{ user_id: number; first_name: string }> }>;
      }>('/getAllConversations/', { token: alice.token });
      return list.body.data.flatMap((c) => c.participants).find((p) => p.user_id === bob.id);
    };
    for (const name of ['Robert', 'Bobby', 'Rob']) {
      await bobAsListedOnB();
      await bobAsListedOnB();
      const updated = await apiA.put('/update/', { first_name: name }, { token: bob.token });
      expect(updated.status).toBe(200);
      expect((await bobAsListedOnB())?.first_name).toBe(name);
    }
  });
});
