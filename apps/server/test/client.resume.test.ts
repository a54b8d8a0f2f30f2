import {
  type ChatClient,
  createChatClient,
  type EventListener,
  listen,
  type StreamEvent,
} from '@chatapp/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PASSWORD } from './support/accounts';
import { startTestServer, type TestServer } from './support/server';
import { socketCutter } from './support/socket-cutter';
import { eventually } from './support/sockets';

let server: TestServer;
let cutter: ReturnType<typeof socketCutter>;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  server = await startTestServer();
  cutter = socketCutter(server.app.server);
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(() => server.close());

/** A signed-up account's login, through the package alone. */
async function account(username: string): Promise<{ id: number; token: string }> {
  const { api } = createChatClient({ url: server.baseUrl });
  await api.auth.signUp.mutate({ username, email: `${username}@x.com`, password: PASSWORD });
  const login = await api.auth.logIn.mutate({ username, password: PASSWORD });
  return { id: login.id, token: login.token };
}

/** Quick retries, so a test does not wait on the default backoff. */
function socketClient(token: () => string): ChatClient {
  const client = createChatClient({
    url: server.baseUrl,
    token,
    WebSocket,
    socket: { retryDelayMs: () => 100 },
  });
  cleanups.push(() => client.close());
  return client;
}

function bodiesOf(events: StreamEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'message.created' ? [event.message.body] : []));
}

/** Two accounts in one chat: `listener` hears, `talker` sends over HTTP. */
async function chat(prefix: string) {
  const listener = await account(`${prefix}l`);
  const talker = await account(`${prefix}t`);
  const talkerApi = createChatClient({ url: server.baseUrl, token: talker.token }).api;
  const { conversation } = await talkerApi.conversations.openDirect.mutate({ user_id: listener.id });
  const send = (body: string) => talkerApi.messages.send.mutate({ conversation_id: conversation.id, body });
  return { listener, send };
}

/** Listens and waits until the server has subscribed it, so what is sent next reaches it live. */
async function startListening(client: ChatClient, options: Partial<Parameters<typeof listen>[1]> = {}) {
  const events: StreamEvent[] = [];
  let started = 0;
  const listener: EventListener = listen(client, {
    onEvent: (event) => events.push(event),
    onStarted: () => started++,
    ...options,
  });
  cleanups.push(() => listener.stop());
  await eventually(() => started > 0 || options.lastEventId !== undefined);
  return { events, listener };
}

describe('@chatapp/client against a real server', () => {
  it('resumes after a forced disconnect: nothing lost, nothing doubled', async () => {
    const { listener, send } = await chat('cut');
    const client = socketClient(() => listener.token);
    const { events, listener: stream } = await startListening(client);
    await send('before');
    await eventually(() => bodiesOf(events).includes('before'));

    expect(cutter.cut()).toBeGreaterThan(0);
    // Sent while the socket is down: only the journal has them.
    for (let i = 0; i < 20; i++) await send(`offline ${i}`);
    cutter.restore();
    await send('after');
    await eventually(() => bodiesOf(events).includes('after'), 10_000);

    const offline = Array.from({ length: 20 }, (_, i) => `offline ${i}`);
    expect(bodiesOf(events)).toEqual(['before', ...offline, 'after']);
    expect(stream.lastEventId).toMatch(/^\d+$/);
  });

  it('resumes from a kept event id in a new client (a restarted bot)', async () => {
    const { listener, send } = await chat('kept');
    const first = await startListening(socketClient(() => listener.token));
    await send('one');
    await eventually(() => bodiesOf(first.events).length === 1);
    const kept = first.listener.lastEventId;
    first.listener.stop();
    await send('two');
    await send('three');

    const second = await startListening(
      socketClient(() => listener.token),
      kept ? { lastEventId: kept } : {},
    );
    await send('four');
    await eventually(() => bodiesOf(second.events).includes('four'));
    expect(bodiesOf(second.events)).toEqual(['two', 'three', 'four']);
  });

  it('a token that expires: the stream asks for a new one and resumes where it stopped', async () => {
    const { listener, send } = await chat('exp');
    let token = listener.token;
    let refused = 0;
    const client = socketClient(() => token);
    const { events } = await startListening(client, {
      onUnauthorized: async () => {
        refused++;
        const { api } = createChatClient({ url: server.baseUrl });
        token = (await api.auth.logIn.mutate({ username: 'expl', password: PASSWORD })).token;
        return true;
      },
    });
    await send('fresh');
    await eventually(() => bodiesOf(events).includes('fresh'));

    await server.app.deps.db
      .updateTable('auth_tokens')
      .set({ expires_at: Date.now() - 1 })
      .where('user_id', '=', listener.id)
      .execute();
    await expect(client.api.users.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    // The socket is cut as a network would; it comes back with the expired token and is refused.
    cutter.cut();
    await send('while expired');
    cutter.restore();
    await eventually(() => bodiesOf(events).includes('while expired'), 10_000);
    await send('renewed');
    await eventually(() => bodiesOf(events).includes('renewed'));

    expect(refused).toBe(1);
    expect(bodiesOf(events)).toEqual(['fresh', 'while expired', 'renewed']);
    expect((await client.api.users.me.query()).username).toBe('expl');
  });

  it('without onUnauthorized, a refused token ends the stream with the error', async () => {
    const { listener } = await chat('end');
    const errors: unknown[] = [];
    await server.app.deps.db
      .updateTable('auth_tokens')
      .set({ expires_at: Date.now() - 1 })
      .where('user_id', '=', listener.id)
      .execute();
    const stream = listen(
      socketClient(() => listener.token),
      {
        onEvent: () => {},
        onError: (error) => errors.push(error),
      },
    );
    cleanups.push(() => stream.stop());
    await eventually(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });
});
