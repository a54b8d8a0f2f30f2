import type { schemas } from '@chatapp/api';
import { describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { procedures } from './support/procedures';
import { eventually } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { subscribeStream } from './support/trpc';

// Muting a conversation (`conversations.setMuted`, PUT /api/v1/conversations/{id}/muted): one member's own setting,
// kept on the server so that every device of theirs sees it, told to their connections only.
type Conversation = schemas.ConversationDto;

const { server, api } = serverForSuite();
const { trpc, statusOf, directChat, sendText } = procedures(() => server());

describe('conversations.setMuted', () => {
  it('mutes for the caller only, over REST and tRPC, and the list says so', async () => {
    const [alice, bob] = [await createUser(api()), await createUser(api())];
    const conversationId = await directChat(alice, bob);
    const before = await trpc(alice).conversations.list.query();
    expect(before.conversations.find((c) => c.id === conversationId)?.muted).toBe(false);

    const muted = await api().put<Conversation>(
      `/api/v1/conversations/${conversationId}/muted`,
      { muted: true },
      { token: alice.token },
    );
    expect(muted.status).toBe(200);
    expect(muted.body).toMatchObject({ id: conversationId, muted: true });

    // The caller's list (served from the page cache before the change) and the single read both show it.
    const listed = await trpc(alice).conversations.list.query();
    expect(listed.conversations.find((c) => c.id === conversationId)?.muted).toBe(true);
    expect((await trpc(alice).conversations.get.query({ conversation_id: conversationId })).muted).toBe(true);
    const overRest = await api().get<{ conversations: Conversation[] }>('/api/v1/conversations', {
      token: alice.token,
    });
    expect(overRest.body.conversations.find((c) => c.id === conversationId)?.muted).toBe(true);
    // The other member's setting is their own.
    expect((await trpc(bob).conversations.get.query({ conversation_id: conversationId })).muted).toBe(false);

    // Messages still arrive and count as unread; muting only silences.
    await sendText(bob, conversationId, 'still here');
    expect(
      (await trpc(alice).conversations.get.query({ conversation_id: conversationId })).unread_count,
    ).toBe(1);

    const unmuted = await trpc(alice).conversations.setMuted.mutate({
      conversation_id: conversationId,
      muted: false,
    });
    expect(unmuted).toMatchObject({ id: conversationId, muted: false, unread_count: 1 });
  });

  it("reaches the caller's own connections only, once per change", async () => {
    const [alice, bob] = [await createUser(api()), await createUser(api())];
    const conversationId = await directChat(alice, bob);
    const aliceStream = subscribeStream(server().port, alice.token);
    const bobStream = subscribeStream(server().port, bob.token);
    try {
      // Both streams are live once something reaches them (their own presence comes first).
      await eventually(() => aliceStream.received.length > 0 && bobStream.received.length > 0);
      await sendText(bob, conversationId, 'hello');
      await eventually(() => aliceStream.messages().length === 1 && bobStream.messages().length === 1);

      await trpc(alice).conversations.setMuted.mutate({ conversation_id: conversationId, muted: true });
      // Setting it again is no change: no second event.
      await trpc(alice).conversations.setMuted.mutate({ conversation_id: conversationId, muted: true });
      await sendText(bob, conversationId, 'after');
      await eventually(() => aliceStream.messages().length === 2 && bobStream.messages().length === 2);

      const changes = (stream: typeof aliceStream) =>
        stream.received.filter((r) => r.data.type === 'conversation.changed');
      expect(changes(aliceStream)).toHaveLength(1);
      expect(changes(aliceStream)[0]?.data).toMatchObject({ conversation_id: conversationId });
      expect(changes(bobStream)).toHaveLength(0);

      // A stream resuming from before the change replays it to the caller too.
      const firstId = aliceStream.received.find((r) => r.data.type === 'message.created')?.id;
      expect(firstId).toBeDefined();
      const resumed = subscribeStream(server().port, alice.token, firstId);
      try {
        await eventually(() => resumed.messages().length === 1);
        expect(changes(resumed)).toHaveLength(1);
      } finally {
        resumed.stop();
      }
    } finally {
      aliceStream.stop();
      bobStream.stop();
    }
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await api().get<{ paths: Record<string, Record<string, unknown>> }>('/swagger.json');
    expect(doc.body.paths['/conversations/{conversation_id}/muted']).toHaveProperty('put');
  });

  it('refuses a conversation the caller is not in, and a malformed body', async () => {
    const [alice, bob, carol] = [await createUser(api()), await createUser(api()), await createUser(api())];
    const conversationId = await directChat(alice, bob);
    expect(
      await statusOf(
        trpc(carol).conversations.setMuted.mutate({ conversation_id: conversationId, muted: true }),
      ),
    ).toBe(404);
    const malformed = await api().put(
      `/api/v1/conversations/${conversationId}/muted`,
      {},
      { token: alice.token },
    );
    expect(malformed.status).toBe(400);
    const anonymous = await api().put(`/api/v1/conversations/${conversationId}/muted`, { muted: true });
    expect(anonymous.status).toBe(401);
    expect((await trpc(bob).conversations.get.query({ conversation_id: conversationId })).muted).toBe(false);
  });
});
