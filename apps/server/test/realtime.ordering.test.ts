import { describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { eventually } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { subscribeStream } from './support/trpc';

// Design note trap: on MariaDB an auto-increment id becomes visible at commit, so with concurrent writers a
// reader could see id 11 before id 10 and, resuming "after 11", lose 10. Event ids here come from a sequence
// bumped inside each writer's transaction, and the hub delivers them in order: a subscriber's ids only grow,
// and cutting it off mid-stream then resuming loses and repeats nothing.
const { server, api } = serverForSuite();

describe('event ids under concurrent writers', () => {
  it('reach a subscriber in increasing order, and a resume mid-stream loses and repeats nothing', async () => {
    const reader = await createUser(api());
    const senders = await Promise.all(Array.from({ length: 8 }, () => createUser(api())));
    // One chat per sender: writers do not queue on one conversation row, so their commits interleave freely.
    const chats = await Promise.all(
      senders.map(async (sender) => {
        const res = await api().post<{ data: { conversation_id: number } }>(
          '/getConversation/',
          { user_id: reader.id, is_group: false },
          { token: sender.token },
        );
        return res.body.data.conversation_id;
      }),
    );

    const steady = subscribeStream(server().port, reader.token);
    const interrupted = subscribeStream(server().port, reader.token);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const perSender = 20;
    const total = senders.length * perSender;
    const sending = Promise.all(
      senders.map(async (sender, index) => {
        for (let i = 0; i < perSender; i += 1) {
          await api().post(
            '/sendMessage/',
            { conversation_id: chats[index], type: 'text', body: `${sender.id}:${i}` },
            { token: sender.token },
          );
        }
      }),
    );

    // Cut the second subscriber off part-way through the burst and resume it from its last tracked id.
    await eventually(() => interrupted.messages().length >= total / 4, 15_000);
    interrupted.stop();
    const before = interrupted.messages();
    const lastId = String(before.at(-1)?.tracked);
    const resumed = subscribeStream(server().port, reader.token, lastId);

    await sending;
    await eventually(() => steady.messages().length === total, 15_000);
    await eventually(() => before.length + resumed.messages().length >= total, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const trackedIds = steady.messages().map((m) => m.tracked);
    for (let i = 1; i < trackedIds.length; i += 1)
      expect(trackedIds[i]).toBeGreaterThan(trackedIds[i - 1] ?? 0);

    const stored = await server()
      .app.deps.db.selectFrom('messages')
      .select('id')
      .where('conversation_id', 'in', chats)
      .orderBy('id')
      .execute();
    const expected = stored.map((r) => r.id).sort((a, b) => a - b);
    expect(
      steady
        .messages()
        .map((m) => m.message.id)
        .sort((a, b) => a - b),
    ).toEqual(expected);
    const stitched = [...before, ...resumed.messages()].map((m) => m.message.id);
    expect(new Set(stitched).size).toBe(stitched.length);
    expect(stitched.sort((a, b) => a - b)).toEqual(expected);
    steady.stop();
    resumed.stop();
  });
});
