import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { openChat } from './support/conversations';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { type ServerProcess, spawnServerProcess } from './support/server-process';
import { eventually } from './support/sockets';
import { trpcSocket } from './support/trpc';

// A subscriber survives a server crash: its client reconnects with the last tracked id and receives every
// message it missed (sent meanwhile through another process) exactly once, then live ones.
let database: TestDatabase;
const processes: ServerProcess[] = [];

async function spawn(extra: Record<string, string> = {}) {
  const server = await spawnServerProcess({ DATABASE_URL: database.url, SCRYPT_LOG_N: '12', ...extra });
  processes.push(server);
  return server;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
  await database.drop();
});

describe('resume after a forced restart', () => {
  it('delivers every message exactly once', async () => {
    const first = await spawn();
    const api = client(first.baseUrl);
    const alice = await createUser(api);
    const bob = await createUser(api);
    const conversationId = await openChat(api, alice, bob);
    const sent: number[] = [];
    const send = async (baseUrl: string, count: number) => {
      for (let i = 0; i < count; i += 1) {
        const res = await client(baseUrl).post<{ data: { id: number } }>(
          '/sendMessage/',
          { conversation_id: conversationId, type: 'text', body: `n${sent.length}` },
          { token: alice.token },
        );
        sent.push(res.body.data.id);
      }
    };

    const socket = trpcSocket(first.port, bob.token);
    const received: number[] = [];
    const subscription = socket.client.events.stream.subscribe(undefined, {
      onData: (envelope) => {
        if (envelope.data.type === 'message.created') received.push(envelope.data.message.id);
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await send(first.baseUrl, 30);
    await eventually(() => received.length === 30);

    await first.crash();
    const standIn = await spawn();
    await send(standIn.baseUrl, 40);
    const restarted = await spawn({ PORT: String(first.port) });
    await eventually(() => received.length >= 70, 15_000);
    await send(restarted.baseUrl, 10);
    await eventually(() => received.length >= 80, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(received).toEqual(sent);
    subscription.unsubscribe();
    socket.close();
  });
});
