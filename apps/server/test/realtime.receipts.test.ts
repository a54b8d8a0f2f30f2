import { openDatabase } from '@chatapp/db';
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
});
