import type { AppRouter } from '@chatapp/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { countRows } from './support/conversations';
import { client } from './support/http';
import { procedures } from './support/procedures';
import { serverForSuite } from './support/suite-server';
import { useTwoProcesses } from './support/two-processes';

// Sends that share a group-commit batch are written together at its end (messages/insert-at-commit.ts), with the
// batch's receipts after them (conversations/receipts.ts). These drive many at once, on both databases, and check
// what was stored against what each caller was told.

const { server, api } = serverForSuite();

const { trpc, directChat } = procedures(() => server());

/** MariaDB's count of deadlocks it has detected since it started; 0 on SQLite, which has one writer at a time. */
async function innodbDeadlocks(): Promise<number> {
  if (server().database.dialect !== 'mysql') return 0;
  const { rows } = await sql<{ Value: string }>`show global status like 'Innodb_deadlocks'`.execute(
    server().app.deps.db,
  );
  return Number(rows[0]?.Value);
}

describe('messages written in batches', () => {
  it('sends, read marks and delivery acks racing in the same conversations all land, with no deadlock', async () => {
    const users: TestUser[] = [];
    for (let i = 0; i < 6; i += 1) users.push(await createUser(api()));
    // Every pair has a chat: each user sends in several conversations, and acks in the ones it sends in.
    const chats: Array<{ id: number; members: [TestUser, TestUser] }> = [];
    for (const [i, a] of users.entries()) {
      for (const b of users.slice(i + 1)) chats.push({ id: await directChat(a, b), members: [a, b] });
    }
    const firstIds = await Promise.all(
      chats.map(async ({ id, members: [a] }) => {
        const sent = await trpc(a).messages.send.mutate({ conversation_id: id, body: 'first' });
        return sent.message.id;
      }),
    );

    const deadlocksBefore = await innodbDeadlocks();
    // Each chat is a conversation: whoever got the last message marks it read and delivered while replying, so
    // receipts and sends in one conversation race each other, and the 15 chats race into shared batches.
    const turns = 20;
    const sent = (
      await Promise.all(
        chats.map(async ({ id, members }, index) => {
          const mine: Array<{ chat: number; sender: number; id: number }> = [];
          let last = firstIds[index] ?? 0;
          for (let turn = 0; turn < turns; turn += 1) {
            const replier = members[(turn + 1) % 2] as TestUser;
            const [reply] = await Promise.all([
              trpc(replier).messages.send.mutate({ conversation_id: id, body: `turn ${turn}` }),
              trpc(replier).conversations.markRead.mutate({ conversation_id: id, message_id: last }),
              trpc(replier).events.delivered.mutate({ conversation_id: id, message_id: last }),
            ]);
            last = reply.message.id;
            mine.push({ chat: id, sender: replier.id, id: last });
          }
          return mine;
        }),
      )
    ).flat();

    // A deadlock would not fail a call (its batch is retried unit by unit), so count them: batches take their
    // locks in one order and must never deadlock. (The counter is the server's: other suites run beside this one.
    // Timing decides whether a wrong lock order shows in one run: with journal rows locking their conversation, as
    // before migration 0005, about one run in three here.)
    expect(await innodbDeadlocks()).toBe(deadlocksBefore);

    const ids = sent.map((message) => message.id);
    expect(new Set(ids).size).toBe(chats.length * turns);
    expect(Math.min(...ids)).toBeGreaterThan(Math.max(...firstIds));

    const db = server().app.deps.db;
    const stored = await db
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'sender_id', 'body'])
      .where('id', 'in', ids)
      .execute();
    expect(stored).toHaveLength(ids.length);
    for (const message of sent) {
      expect(stored.find((row) => row.id === message.id)).toMatchObject({
        conversation_id: message.chat,
        sender_id: message.sender,
      });
    }
    for (const [index, { id, members }] of chats.entries()) {
      const newest = Math.max(...sent.filter((message) => message.chat === id).map((message) => message.id));
      const conversation = await db
        .selectFrom('conversations')
        .select('last_message_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(conversation.last_message_id).toBe(newest);
      for (const member of members) {
        // A sender's read mark is at least its own newest message (a reply means it saw the chat up to there).
        const ownNewest = Math.max(
          ...sent.filter((m) => m.chat === id && m.sender === member.id).map((m) => m.id),
        );
        const mark = await db
          .selectFrom('conversation_members')
          .select(['last_read_message_id', 'last_delivered_message_id'])
          .where('conversation_id', '=', id)
          .where('user_id', '=', member.id)
          .executeTakeFirstOrThrow();
        expect(mark.last_read_message_id).toBeGreaterThanOrEqual(ownNewest);
        // The recipient of the first message acked it (no socket here acks anything by itself).
        if (member === members[1]) {
          expect(mark.last_delivered_message_id).toBeGreaterThanOrEqual(firstIds[index] ?? Number.NaN);
        }
      }
    }
  });

  it('membership checks read together answer each caller for itself: members send, a stranger is refused', async () => {
    const [alice, bob, carol, eve] = [
      await createUser(api()),
      await createUser(api()),
      await createUser(api()),
      await createUser(api()),
    ];
    const chats = [
      await directChat(alice, bob),
      await directChat(bob, carol),
      await directChat(carol, alice),
    ];
    const members: Array<[TestUser, TestUser]> = [
      [alice, bob],
      [bob, carol],
      [carol, alice],
    ];
    // One burst: the checks of these calls share statements (conversations/access.ts).
    const sends = chats.flatMap((id, index) =>
      (members[index] ?? []).map((member) => ({
        id,
        member,
        sent: trpc(member).messages.send.mutate({ conversation_id: id, body: `from ${member.id}` }),
      })),
    );
    const refused = Promise.allSettled(
      chats.flatMap((id) => [
        trpc(eve).messages.send.mutate({ conversation_id: id, body: 'let me in' }),
        trpc(eve).messages.list.query({ conversation_id: id }),
      ]),
    );
    for (const { id, member, sent } of sends) {
      expect((await sent).message).toMatchObject({ conversation_id: id, sender: { id: member.id } });
    }
    const outcomes = await refused;
    expect(outcomes).toHaveLength(6);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') expect(String(outcome.reason)).toContain('Conversation not found');
    }
  });

  it('numbers new messages above rows stored by auto-increment (an import), never reusing an id', async () => {
    const [a, b] = [await createUser(api()), await createUser(api())];
    const id = await directChat(a, b);
    const before = await trpc(a).messages.send.mutate({ conversation_id: id, body: 'before the import' });
    const db = server().app.deps.db;
    // An import writes rows without going through the send path; their ids come from the table's auto-increment.
    const imported = [];
    for (let i = 0; i < 3; i += 1) {
      const result = await db
        .insertInto('messages')
        .values({
          conversation_id: id,
          sender_id: b.id,
          type: 'text',
          body: `imported ${i}`,
          media_id: null,
          media_url: null,
          status: 'active',
          is_edited: 0,
          client_message_id: null,
          created_at: Date.now(),
          updated_at: Date.now(),
          deleted_at: null,
        })
        .executeTakeFirstOrThrow();
      imported.push(Number(result.insertId));
    }
    expect(Math.min(...imported)).toBeGreaterThan(before.message.id);

    const after = await Promise.all(
      [a, b, a].map((user, i) =>
        trpc(user).messages.send.mutate({ conversation_id: id, body: `after the import ${i}` }),
      ),
    );
    const afterIds = after.map(({ message }) => message.id);
    expect(Math.min(...afterIds)).toBeGreaterThan(Math.max(...imported));
    const page = await trpc(b).messages.list.query({ conversation_id: id });
    expect(page.messages.map((m) => m.id)).toEqual([
      before.message.id,
      ...imported,
      ...afterIds.sort((x, y) => x - y),
    ]);
  });
});

describe('two processes writing to one database', () => {
  const servers = useTwoProcesses();

  it('sends and receipts through both processes at once all land', async () => {
    const inProcess = servers.inProcess();
    const apiA = client(inProcess.baseUrl);
    const users: TestUser[] = [];
    for (let i = 0; i < 6; i += 1) users.push(await createUser(apiA));
    const asOn = (baseUrl: string, user: TestUser) =>
      createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${baseUrl}/trpc`, headers: { authorization: `Bearer ${user.token}` } })],
      });
    const processes = [inProcess.baseUrl, servers.other().baseUrl];
    const chats: Array<{ id: number; a: TestUser; b: TestUser; last: number }> = [];
    for (const [i, a] of users.entries()) {
      for (const b of users.slice(i + 1)) {
        const id = (await asOn(inProcess.baseUrl, a).conversations.openDirect.mutate({ user_id: b.id }))
          .conversation.id;
        const first = await asOn(inProcess.baseUrl, b).messages.send.mutate({
          conversation_id: id,
          body: 'hi',
        });
        chats.push({ id, a, b, last: first.message.id });
      }
    }
    const rounds = 6;
    for (let round = 0; round < rounds; round += 1) {
      // Every call of a round at once, through both processes; read marks and acks make batches that read before
      // they write.
      await Promise.all(
        chats.map(async (chat) => {
          const results = await Promise.all(
            processes.flatMap((baseUrl) => [
              asOn(baseUrl, chat.a).messages.send.mutate({
                conversation_id: chat.id,
                body: `round ${round}`,
              }),
              asOn(baseUrl, chat.a).conversations.markRead.mutate({
                conversation_id: chat.id,
                message_id: chat.last,
              }),
              asOn(baseUrl, chat.b).events.delivered.mutate({
                conversation_id: chat.id,
                message_id: chat.last,
              }),
              asOn(baseUrl, chat.b).conversations.markRead.mutate({
                conversation_id: chat.id,
                message_id: chat.last,
              }),
            ]),
          );
          chat.last = Math.max(
            ...results.flatMap((result) => ('message' in result ? [result.message.id] : [])),
          );
        }),
      );
    }
    expect(await countRows(inProcess.app.deps.db, 'messages')).toBe(chats.length * (1 + rounds * 2));
  });
});
