import { createChatClient, TRPCClientError } from '@chatapp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PASSWORD } from './support/accounts';
import { startTestServer, type TestServer } from './support/server';
import { eventually } from './support/sockets';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('@chatapp/client', () => {
  it('drives the API with typed, batched calls and follows a token that changes', async () => {
    let token: string | null = null;
    const { api } = createChatClient({ url: server.baseUrl, token: () => token });
    await api.auth.signUp.mutate({ username: 'typed', email: 'typed@x.com', password: PASSWORD });
    await expect(api.users.me.query()).rejects.toBeInstanceOf(TRPCClientError);

    token = (await api.auth.logIn.mutate({ username: 'typed', password: PASSWORD })).token;
    const [me, others] = await Promise.all([api.users.me.query(), api.users.list.query()]);
    expect(me.username).toBe('typed');
    expect(others).toEqual([]);

    await api.auth.logOut.mutate();
    await expect(api.users.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('subscribes to the event stream over a WebSocket', async () => {
    const anonymous = createChatClient({ url: server.baseUrl }).api;
    await anonymous.auth.signUp.mutate({ username: 'streamer', email: 'streamer@x.com', password: PASSWORD });
    await anonymous.auth.signUp.mutate({ username: 'talker', email: 'talker@x.com', password: PASSWORD });
    const listenerToken = (await anonymous.auth.logIn.mutate({ username: 'streamer', password: PASSWORD }))
      .token;
    const talkerToken = (await anonymous.auth.logIn.mutate({ username: 'talker', password: PASSWORD })).token;
    const listener = createChatClient({ url: server.baseUrl, token: listenerToken, WebSocket });
    const talker = createChatClient({ url: server.baseUrl, token: talkerToken }).api;

    const bodies: string[] = [];
    const subscription = listener.api.events.stream.subscribe(undefined, {
      onData: ({ data }) => {
        if (data.type === 'message.created') bodies.push(data.message.body);
      },
    });
    const me = await listener.api.users.me.query();
    const { conversation } = await talker.conversations.openDirect.mutate({ user_id: me.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await talker.messages.send.mutate({ conversation_id: conversation.id, body: 'over the stream' });
    await eventually(() => bodies.length === 1);
    expect(bodies).toEqual(['over the stream']);
    subscription.unsubscribe();
    listener.close();
  });
});
