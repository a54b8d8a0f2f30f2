import type { schemas } from '@chatapp/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { eventually } from './support/sockets';
import { trpcHttp, trpcSocket } from './support/trpc';

// Typed subscriptions over tRPC WebSocket: one stream per user, tracked by durable ids, gap-free resume.
type Received = { id: string; data: schemas.StreamEvent };

let server: TestServer;
let api: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.baseUrl);
});
afterAll(() => server.close());

async function openChat(a: TestUser, b: TestUser): Promise<number> {
  const res = await api.post<{ data: { conversation_id: number } }>(
    '/getConversation/',
    { user_id: b.id, is_group: false },
    { token: a.token },
  );
  return res.body.data.conversation_id;
}

function subscribe(port: number, user: TestUser, lastEventId?: string) {
  const socket = trpcSocket(port, user.token);
  const received: Received[] = [];
  const errors: unknown[] = [];
  const subscription = socket.client.events.stream.subscribe(lastEventId ? { lastEventId } : undefined, {
    onData: (envelope) => received.push(envelope as Received),
    onError: (error) => errors.push(error),
  });
  return {
    received,
    errors,
    messages: () => received.filter((r) => r.data.type === 'message.created'),
    stop() {
      subscription.unsubscribe();
      socket.close();
    },
  };
}

describe('events.stream', () => {
  it('delivers typed, tracked events to every member', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(alice, bob);
    const stream = subscribe(server.port, bob);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await trpcHttp(server.baseUrl, alice.token).messages.send.mutate({
      conversation_id: conversationId,
      body: 'typed hello',
    });
    await eventually(() => stream.messages().length === 1);
    const [event] = stream.messages();
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
    const stranger = { id: 0, username: 'x', email: 'x', token: 'f'.repeat(64) };
    const stream = subscribe(server.port, stranger);
    await eventually(() => stream.errors.length > 0);
    expect(stream.received).toEqual([]);
    stream.stop();
  });

  it('replays exactly what was missed after lastEventId (100 messages while offline), then goes live', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(alice, bob);
    const sender = trpcHttp(server.baseUrl, alice.token);

    const first = subscribe(server.port, bob);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await sender.messages.send.mutate({ conversation_id: conversationId, body: 'before' });
    await eventually(() => first.messages().length === 1);
    const lastSeen = first.received.at(-1)?.id;
    first.stop();

    const offline: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      offline.push(
        (await sender.messages.send.mutate({ conversation_id: conversationId, body: `offline ${i}` })).message
          .id,
      );
    }

    const resumed = subscribe(server.port, bob, lastSeen);
    await eventually(() => resumed.messages().length >= 100, 10_000);
    await sender.messages.send.mutate({ conversation_id: conversationId, body: 'live again' });
    await eventually(() => resumed.messages().length === 101);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const ids = resumed.messages().map((r) => (r.data.type === 'message.created' ? r.data.message.id : 0));
    expect(ids.slice(0, 100)).toEqual(offline);
    expect(new Set(ids).size).toBe(ids.length);
    const trackedIds = resumed.received.map((r) => Number(r.id));
    expect(trackedIds).toEqual([...trackedIds].sort((a, b) => a - b));
    resumed.stop();
  });

  it('replays a message deleted while offline without its body', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(alice, bob);
    const sender = trpcHttp(server.baseUrl, alice.token);
    const first = subscribe(server.port, bob);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await sender.messages.send.mutate({ conversation_id: conversationId, body: 'marker' });
    await eventually(() => first.messages().length === 1);
    const lastSeen = first.received.at(-1)?.id;
    first.stop();

    const { message } = await sender.messages.send.mutate({
      conversation_id: conversationId,
      body: 'regrettable',
    });
    await sender.messages.delete.mutate({ message_id: message.id });

    const resumed = subscribe(server.port, bob, lastSeen);
    await eventually(() => resumed.received.some((r) => r.data.type === 'message.deleted'));
    expect(JSON.stringify(resumed.received)).not.toContain('regrettable');
    resumed.stop();
  });

  it('sends typing, delivered receipts (automatic in one-to-one chats) and read receipts', async () => {
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(alice, bob);
    const aliceStream = subscribe(server.port, alice);
    const bobStream = subscribe(server.port, bob);
    await new Promise((resolve) => setTimeout(resolve, 150));

    await trpcHttp(server.baseUrl, bob.token).events.typing.mutate({ conversation_id: conversationId });
    await eventually(() => aliceStream.received.some((r) => r.data.type === 'typing'));
    expect(aliceStream.received.find((r) => r.data.type === 'typing')?.data).toMatchObject({
      conversation_id: conversationId,
      user_id: bob.id,
    });

    const { message } = await trpcHttp(server.baseUrl, alice.token).messages.send.mutate({
      conversation_id: conversationId,
      body: 'did you get this?',
    });
    // Bob's stream received it, so his device acked delivery without being asked.
    await eventually(() =>
      aliceStream.received.some((r) => r.data.type === 'receipt' && r.data.receipt === 'delivered'),
    );
    expect(aliceStream.received.find((r) => r.data.type === 'receipt')?.data).toEqual({
      type: 'receipt',
      receipt: 'delivered',
      conversation_id: conversationId,
      user_id: bob.id,
      message_id: message.id,
    });

    await trpcHttp(server.baseUrl, bob.token).conversations.markRead.mutate({
      conversation_id: conversationId,
      message_id: message.id,
    });
    await eventually(() =>
      aliceStream.received.some((r) => r.data.type === 'receipt' && r.data.receipt === 'read'),
    );
    aliceStream.stop();
    bobStream.stop();
  });
});
