import { describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { openChat } from './support/conversations';
import { eventually } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { trpcHttp } from './support/trpc';

// `events.stream` over plain HTTP (tRPC's server-sent events): without a socket, the stream is a connection of its
// own, with a session for as long as it runs: its user counts as online, and it hears their events.
const { server, api } = serverForSuite();

const isOnline = async (userId: number) =>
  (await server().app.deps.runtime.presence.onlineAmong([userId])).has(userId);

describe('events.stream over HTTP', () => {
  it('streams tracked events, and counts its user online while it is open', async () => {
    const alice = await createUser(api());
    const bob = await createUser(api());
    const conversationId = await openChat(api(), alice, bob);
    const aborted = new AbortController();
    const response = await fetch(`${server().baseUrl}/trpc/events.stream`, {
      headers: { authorization: `Bearer ${bob.token}`, accept: 'text/event-stream' },
      signal: aborted.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    let text = '';
    const reader = response.body?.getReader();
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read().catch(() => undefined);
        if (!chunk || chunk.done) return;
        text += decoder.decode(chunk.value);
      }
    })();
    await eventually(() => isOnline(bob.id));

    await trpcHttp(server().baseUrl, alice.token).messages.send.mutate({
      conversation_id: conversationId,
      body: 'over server-sent events',
    });
    await eventually(() => text.includes('over server-sent events'));
    expect(text).toMatch(/id: ?\d+/);

    aborted.abort();
    await reading;
    await eventually(async () => !(await isOnline(bob.id)));
  });
});
