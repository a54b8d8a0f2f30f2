import { afterAll, describe, expect, it, vi } from 'vitest';
import { createUser, createUsers } from './support/accounts';
import { isPresenceFrame, LegacySocketClient } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { subscribeStream, trpcHttp } from './support/trpc';

// Issue 20, item 4: a sign-up costs the same however many users and sockets there are. It used to push a
// `user_list_update` to every socket, each of which then read the whole user table.
const { server, api } = serverForSuite();
const closers: Array<() => unknown> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

/** Longer than a legacy socket's list push delay (50 ms), so a push would have arrived. */
const QUIET_MS = 400;

describe('a sign-up with many sockets open', () => {
  it('publishes nothing and sends no socket anything; the new user is still listed and found', async () => {
    const watchers = await createUsers(api(), 12);
    const legacySockets = await Promise.all(
      watchers.map(async (user) => {
        const socket = await LegacySocketClient.connect(server().port, user.token);
        closers.push(() => socket.close());
        await socket.next(isPresenceFrame);
        return socket;
      }),
    );
    const streams = watchers.slice(0, 4).map((user) => {
      const stream = subscribeStream(server().port, user.token);
      closers.push(() => stream.stop());
      return stream;
    });
    // Let the connections' own presence settle before counting.
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const framesBefore = legacySockets.map((socket) => socket.frames.length);
    const eventsBefore = streams.map((stream) => stream.received.length);
    const publish = vi.spyOn(server().app.deps.runtime.hub, 'publish');

    const newcomer = await createUser(api());
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));

    expect(publish).not.toHaveBeenCalled();
    publish.mockRestore();
    expect(legacySockets.map((socket) => socket.frames.length)).toEqual(framesBefore);
    expect(streams.map((stream) => stream.received.length)).toEqual(eventsBefore);

    // Whoever asks sees the new account: the legacy list a client reads when it connects, and search.
    const [socket] = legacySockets;
    const [watcher] = watchers;
    if (!socket || !watcher) throw new Error('no watchers');
    socket.send({ type: 'fetch_all_users' });
    const list = await socket.next((frame) => frame.type === 'fetch_all_users');
    expect((list.data as Array<{ id: number }>).map((user) => user.id)).toContain(newcomer.id);
    const found = await trpcHttp(server().baseUrl, watcher.token).users.search.query({
      query: newcomer.username,
    });
    expect(found.map((user) => user.id)).toEqual([newcomer.id]);
  });
});
