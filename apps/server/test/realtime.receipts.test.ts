import { openDatabase } from '@chatapp/db';
import { conversations, messages } from '@chatapp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { openChat } from './support/conversations';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { startTestServer } from './support/server';
import { eventually } from './support/sockets';
import { subscribeStream, trpcHttp } from './support/trpc';

// Automatic "delivered" acks are batched across every socket of the process for a short window; the batch is
// written when the window ends, or at shutdown before the database closes.
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

describe('automatic delivery acks', () => {
  it('records the acks of several recipients at once, and writes pending ones before shutting down', async () => {
    const server = await startTestServer({}, { database });
    const api = client(server.baseUrl);
    const alice = await createUser(api);
    const bob = await createUser(api);
    const carol = await createUser(api);
    const withBob = await openChat(api, alice, bob);
    const withCarol = await openChat(api, alice, carol);
    const bobStream = subscribeStream(server.port, bob.token);
    const carolStream = subscribeStream(server.port, carol.token);
    await settle();

    const send = (conversationId: number, body: string) =>
      trpcHttp(server.baseUrl, alice.token).messages.send.mutate({ conversation_id: conversationId, body });
    const [toBob, toCarol] = await Promise.all([send(withBob, 'for bob'), send(withCarol, 'for carol')]);
    await eventually(() => bobStream.messages().length === 1 && carolStream.messages().length === 1);
    // Shut down at once, inside the ack window: the acks are still pending.
    await server.app.close(1_000);
    bobStream.stop();
    carolStream.stop();

    const handle = openDatabase(database.url);
    try {
      const marks = await handle.db
        .selectFrom('conversation_members')
        .select(['conversation_id', 'user_id', 'last_delivered_message_id'])
        .where('conversation_id', 'in', [withBob, withCarol])
        .orderBy('conversation_id')
        .orderBy('user_id')
        .execute();
      expect(marks).toEqual(
        [
          { conversation_id: withBob, user_id: alice.id, last_delivered_message_id: null },
          { conversation_id: withBob, user_id: bob.id, last_delivered_message_id: toBob.message.id },
          { conversation_id: withCarol, user_id: alice.id, last_delivered_message_id: null },
          { conversation_id: withCarol, user_id: carol.id, last_delivered_message_id: toCarol.message.id },
        ].sort((a, b) => a.conversation_id - b.conversation_id || a.user_id - b.user_id),
      );
      // Each moved mark was journaled for the sender, so Alice learns of it on resume.
      const receipts = await handle.db
        .selectFrom('realtime_events')
        .select(['user_id', 'payload'])
        .where('kind', '=', 'receipt')
        .execute();
      const delivered = (recipient: number, conversationId: number, messageId: number) => ({
        addressedTo: alice.id,
        conversationId,
        userId: recipient,
        messageId,
        receipt: 'delivered',
      });
      expect(receipts.map((row) => ({ addressedTo: row.user_id, ...JSON.parse(row.payload) }))).toEqual(
        expect.arrayContaining([
          delivered(bob.id, withBob, toBob.message.id),
          delivered(carol.id, withCarol, toCarol.message.id),
        ]),
      );
    } finally {
      await handle.close();
    }
  });

  it('writes a window holding more acks than one write takes, every one of them', async () => {
    const server = await startTestServer({}, { database });
    const api = client(server.baseUrl);
    const alice = await createUser(api);
    // More recipients than the 32 acks written at a time: the window is written in several rounds.
    const recipients = await Promise.all(Array.from({ length: 36 }, () => createUser(api)));
    const chats = await Promise.all(recipients.map((recipient) => openChat(api, alice, recipient)));
    const streams = recipients.map((recipient) => subscribeStream(server.port, recipient.token));
    // A stream is listening once its user's own "online" reached it (36 sockets take longer than a fixed pause).
    await eventually(() =>
      streams.every((stream) => stream.received.some((r) => r.data.type === 'presence')),
    );
    try {
      const sender = trpcHttp(server.baseUrl, alice.token);
      const sent = await Promise.all(
        chats.map((conversationId, index) =>
          sender.messages.send.mutate({ conversation_id: conversationId, body: `to ${index}` }),
        ),
      );
      await eventually(() => streams.every((stream) => stream.messages().length === 1));

      const handle = openDatabase(database.url);
      try {
        const deliveredMarks = async () =>
          handle.db
            .selectFrom('conversation_members')
            .select(['conversation_id', 'last_delivered_message_id'])
            .where('conversation_id', 'in', chats)
            .where('user_id', '!=', alice.id)
            .orderBy('conversation_id')
            .execute();
        const expected = chats
          .map((conversationId, index) => ({
            conversation_id: conversationId,
            last_delivered_message_id: sent[index]?.message.id ?? -1,
          }))
          .sort((a, b) => a.conversation_id - b.conversation_id);
        let marks = await deliveredMarks();
        await eventually(async () => {
          marks = await deliveredMarks();
          return marks.every((mark) => mark.last_delivered_message_id !== null);
        });
        expect(marks).toEqual(expected);
        const receipts = await handle.db
          .selectFrom('realtime_events')
          .select('payload')
          .where('kind', '=', 'receipt')
          .where('user_id', '=', alice.id)
          .execute();
        const deliveredIn = receipts
          .map((row) => JSON.parse(row.payload) as { conversationId: number; receipt: string })
          .filter((receipt) => receipt.receipt === 'delivered')
          .map((receipt) => receipt.conversationId)
          .sort((a, b) => a - b);
        expect(deliveredIn).toEqual([...chats].sort((a, b) => a - b));
      } finally {
        await handle.close();
      }
    } finally {
      for (const stream of streams) stream.stop();
      await server.app.close(1_000);
    }
  });

  it('folds the acks that arrive during a write into one write after it', async () => {
    const server = await startTestServer({}, { database });
    try {
      const api = client(server.baseUrl);
      const alice = await createUser(api);
      const bob = await createUser(api);
      const chat = await openChat(api, alice, bob);
      const { deps } = server.app;
      const send = async (body: string) =>
        (
          await messages.sendMessage(deps, alice.id, {
            conversationId: chat,
            content: { type: 'text', body },
          })
        ).message;
      const first = await send('one');
      const second = await send('two');
      const third = await send('three');
      const pushedToBob = (message: messages.MessageView) =>
        conversations.acknowledgeDelivery(deps, bob.id, {
          message,
          conversationTitle: '',
          conversationIsGroup: false,
        });

      pushedToBob(first);
      const firstWrite = deps.runtime.deliveryAcks.flush();
      // Two more acks while that write runs, each followed by a flush, as when windows end faster than acks are
      // written: both flushes wait for the write, and the first of them to run then takes the newest ack alone.
      pushedToBob(second);
      const secondFlush = deps.runtime.deliveryAcks.flush();
      pushedToBob(third);
      const thirdFlush = deps.runtime.deliveryAcks.flush();
      await Promise.all([firstWrite, secondFlush, thirdFlush]);

      const receipts = await deps.db
        .selectFrom('realtime_events')
        .select('payload')
        .where('kind', '=', 'receipt')
        .where('user_id', '=', alice.id)
        .orderBy('id')
        .execute();
      const deliveredToBob = receipts
        .map(
          (row) =>
            JSON.parse(row.payload) as {
              conversationId: number;
              userId: number;
              messageId: number;
              receipt: string;
            },
        )
        .filter(
          (receipt) =>
            receipt.receipt === 'delivered' && receipt.conversationId === chat && receipt.userId === bob.id,
        )
        .map((receipt) => receipt.messageId);
      expect(deliveredToBob).toEqual([first.id, third.id]);
      const mark = await deps.db
        .selectFrom('conversation_members')
        .select('last_delivered_message_id')
        .where('conversation_id', '=', chat)
        .where('user_id', '=', bob.id)
        .executeTakeFirstOrThrow();
      expect(mark.last_delivered_message_id).toBe(third.id);
    } finally {
      await server.app.close(1_000);
    }
  });
});
