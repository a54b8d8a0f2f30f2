import { describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { openChat } from './support/conversations';
import { eventually } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { subscribeStream, trpcHttp } from './support/trpc';

// conversations.receipts: every member's read and delivered marks, the snapshot behind ticks and "read by".
const { server, api } = serverForSuite();

interface Receipts {
  conversation_id: number;
  members: Array<{
    user_id: number;
    last_read_message_id: number | null;
    last_delivered_message_id: number | null;
  }>;
}

const trpc = (token: string) => trpcHttp(server().baseUrl, token);

describe('conversations.receipts', () => {
  it("lists every member's marks, and they move after markRead and events.delivered", async () => {
    const [alice, bob, carol] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const group = await trpc(alice.token).conversations.createGroup.mutate({
      title: 'Ticks',
      user_ids: [bob.id, carol.id],
    });
    const id = group.id;
    const receipts = (token: string) => trpc(token).conversations.receipts.query({ conversation_id: id });
    const marks = (read: Array<number | null>, delivered: Array<number | null>): Receipts => ({
      conversation_id: id,
      // In the conversation's member order; `read` and `delivered` list alice's, bob's and carol's marks.
      members: group.members.map((member) => {
        const i = [alice.id, bob.id, carol.id].indexOf(member.id);
        return {
          user_id: member.id,
          last_read_message_id: read[i] ?? null,
          last_delivered_message_id: delivered[i] ?? null,
        };
      }),
    });

    expect(group.members).toHaveLength(3);
    expect(await receipts(carol.token)).toEqual(marks([], []));

    const send = (body: string) =>
      trpc(alice.token)
        .messages.send.mutate({ conversation_id: id, body })
        .then((r) => r.message.id);
    const first = await send('one');
    const second = await send('two');
    // A sender has read their own message.
    expect(await receipts(bob.token)).toEqual(marks([second], []));

    await trpc(bob.token).conversations.markRead.mutate({ conversation_id: id, message_id: first });
    await trpc(carol.token).events.delivered.mutate({ conversation_id: id, message_id: second });
    expect(await receipts(alice.token)).toEqual(marks([second, first], [null, null, second]));

    // Marks only move forward.
    await trpc(carol.token).events.delivered.mutate({ conversation_id: id, message_id: first });
    await trpc(bob.token).conversations.markRead.mutate({ conversation_id: id, message_id: second });
    const rest = await api().get<Receipts>(`/api/v1/conversations/${id}/receipts`, { token: alice.token });
    expect(rest.status).toBe(200);
    expect(rest.body).toEqual(marks([second, second], [null, null, second]));
  });

  it('shows the automatic delivery ack of a one-to-one chat', async () => {
    const [alice, bob] = [await createUser(api()), await createUser(api())];
    const id = await openChat(api(), alice, bob);
    const bobStream = subscribeStream(server().port, bob.token);
    await eventually(() => bobStream.received.length > 0);
    const sent = await trpc(alice.token).messages.send.mutate({ conversation_id: id, body: 'hi' });
    await eventually(async () => {
      const { members } = await trpc(alice.token).conversations.receipts.query({ conversation_id: id });
      return members.find((m) => m.user_id === bob.id)?.last_delivered_message_id === sent.message.id;
    });
    bobStream.stop();
  });

  it('answers 404 "Conversation not found" to a non-member, 400 for a bad id, 401 without a token', async () => {
    const [alice, bob, eve] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const id = await openChat(api(), alice, bob);
    for (const path of [`/api/v1/conversations/${id}/receipts`, '/api/v1/conversations/987654/receipts']) {
      const hidden = await api().get<{ message: string }>(path, { token: eve.token });
      expect(hidden.status, path).toBe(404);
      expect(hidden.body.message).toBe('Conversation not found');
    }
    await expect(trpc(eve.token).conversations.receipts.query({ conversation_id: id })).rejects.toMatchObject(
      {
        message: 'Conversation not found',
        data: { code: 'NOT_FOUND' },
      },
    );
    for (const bad of ['abc', '0', '-1', '1.5']) {
      expect(
        (await api().get(`/api/v1/conversations/${bad}/receipts`, { token: alice.token })).status,
        bad,
      ).toBe(400);
    }
    expect((await api().get(`/api/v1/conversations/${id}/receipts`)).status).toBe(401);
  });
});
