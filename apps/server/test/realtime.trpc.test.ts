import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { openChat } from './support/conversations';
import { eventually } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { subscribeStream, trpcHttp } from './support/trpc';

// Typed subscriptions over tRPC WebSocket: one stream per user, tracked by durable ids, gap-free resume.
const { server, api } = serverForSuite();

const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bob sees one message live, then goes offline; returns the id he would resume after. */
async function seenThenOffline(alice: TestUser, bob: TestUser, conversationId: number): Promise<string> {
  const stream = subscribeStream(server().port, bob.token);
  await settle();
  await trpcHttp(server().baseUrl, alice.token).messages.send.mutate({
    conversation_id: conversationId,
    body: 'seen',
  });
  await eventually(() => stream.messages().length === 1);
  stream.stop();
  return String(stream.received.at(-1)?.id);
}

describe('events.stream', () => {
  it('delivers typed, tracked events to every member', async () => {
    const alice = await createUser(api());
    const bob = await createUser(api());
    const conversationId = await openChat(api(), alice, bob);
    const stream = subscribeStream(server().port, bob.token);
    await settle();
    await trpcHttp(server().baseUrl, alice.token).messages.send.mutate({
      conversation_id: conversationId,
      body: 'typed hello',
    });
    await eventually(() => stream.messages().length === 1);
    const event = stream.received.find((r) => r.data.type === 'message.created');
    expect(event?.id).toMatch(/^\d+$/);
    expect(event?.data).toMatchObject({
      type: 'message.created',
      conversation_title: 'New Chat',
      message: {
        conversation_id: conversationId,
        sender_id: alice.id,
        body: 'typed hello',
        status: 'active',
      },
    });
    stream.stop();
  });

  it('refuses a socket without a valid token', async () => {
    const stream = subscribeStream(server().port, 'f'.repeat(64));
    await eventually(() => stream.errors.length > 0);
    expect(stream.received).toEqual([]);
    stream.stop();
  });

  it('replays exactly what was missed after lastEventId (100 messages while offline), then goes live', async () => {
    const alice = await createUser(api());
    const bob = await createUser(api());
    const conversationId = await openChat(api(), alice, bob);
    const sender = trpcHttp(server().baseUrl, alice.token);
    const lastSeen = await seenThenOffline(alice, bob, conversationId);

    const offline: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const sent = await sender.messages.send.mutate({
        conversation_id: conversationId,
        body: `offline ${i}`,
      });
      offline.push(sent.message.id);
    }

    const resumed = subscribeStream(server().port, bob.token, lastSeen);
    await eventually(() => resumed.messages().length >= 100, 10_000);
    await sender.messages.send.mutate({ conversation_id: conversationId, body: 'live again' });
    await eventually(() => resumed.messages().length === 101);
    await settle(200);

    const ids = resumed.messages().map((m) => m.message.id);
    expect(ids.slice(0, 100)).toEqual(offline);
    expect(new Set(ids).size).toBe(ids.length);
    const trackedIds = resumed.received.map((r) => Number(r.id));
    expect(trackedIds).toEqual([...trackedIds].sort((a, b) => a - b));
    resumed.stop();
  });

  it('replays a message deleted while offline without its body', async () => {
    const alice = await createUser(api());
    const bob = await createUser(api());
    const conversationId = await openChat(api(), alice, bob);
    const sender = trpcHttp(server().baseUrl, alice.token);
    const lastSeen = await seenThenOffline(alice, bob, conversationId);

    const { message } = await sender.messages.send.mutate({
      conversation_id: conversationId,
      body: 'regrettable',
    });
    await sender.messages.delete.mutate({ message_id: message.id });

    const resumed = subscribeStream(server().port, bob.token, lastSeen);
    await eventually(() => resumed.received.some((r) => r.data.type === 'message.deleted'));
    expect(JSON.stringify(resumed.received)).not.toContain('regrettable');
    resumed.stop();
  });

  it('publishes and answers a new message exactly as a later read returns it', async () => {
    const alice = await createUser(api());
    const bob = await createUser(api());
    const aliceApi = trpcHttp(server().baseUrl, alice.token);
    const conversation = await aliceApi.conversations.createGroup.mutate({
      title: 'Launch crew',
      user_ids: [bob.id],
    });
    const stream = subscribeStream(server().port, bob.token);
    await settle();
    const sent = await aliceApi.messages.send.mutate({
      conversation_id: conversation.id,
      body: 'built, not read back',
      client_message_id: 'same-as-read',
    });
    await eventually(() => stream.messages().length === 1);
    const pushed = stream.received.find((r) => r.data.type === 'message.created')?.data;
    const [read] = (await aliceApi.messages.list.query({ conversation_id: conversation.id })).messages;
    expect(read).toMatchObject({ body: 'built, not read back', client_message_id: 'same-as-read' });
    expect(sent.message).toEqual(read);
    expect(pushed).toMatchObject({ conversation_title: 'Launch crew' });
    expect(pushed?.type === 'message.created' && pushed.message).toEqual(read);
    stream.stop();
  });

  it('sends typing, delivered receipts (automatic in one-to-one chats) and read receipts', async () => {
    const alice = await createUser(api());
    const bob = await createUser(api());
    const conversationId = await openChat(api(), alice, bob);
    const aliceStream = subscribeStream(server().port, alice.token);
    const bobStream = subscribeStream(server().port, bob.token);
    await settle();

    await trpcHttp(server().baseUrl, bob.token).events.typing.mutate({ conversation_id: conversationId });
    await eventually(() => aliceStream.received.some((r) => r.data.type === 'typing'));
    expect(aliceStream.received.find((r) => r.data.type === 'typing')?.data).toMatchObject({
      conversation_id: conversationId,
      user_id: bob.id,
    });

    const { message } = await trpcHttp(server().baseUrl, alice.token).messages.send.mutate({
      conversation_id: conversationId,
      body: 'did you get this?',
    });
    // Bob's stream received it, so his device acked delivery without being asked.
    const receipt = (kind: string) =>
      aliceStream.received.find((r) => r.data.type === 'receipt' && r.data.receipt === kind)?.data;
    await eventually(() => receipt('delivered') !== undefined);
    expect(receipt('delivered')).toEqual({
      type: 'receipt',
      receipt: 'delivered',
      conversation_id: conversationId,
      user_id: bob.id,
      message_id: message.id,
    });

    await trpcHttp(server().baseUrl, bob.token).conversations.markRead.mutate({
      conversation_id: conversationId,
      message_id: message.id,
    });
    await eventually(() => receipt('read') !== undefined);
    aliceStream.stop();
    bobStream.stop();
  });
});
