import { randomUUID } from 'node:crypto';
import { createChatClient, type EventListener, listen } from '@chatapp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createUsers, type TestUser } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/database';
import { type FailoverProxy, startFailoverProxy } from './support/failover-proxy';
import { client } from './support/http';
import { TEST_REDIS_URL } from './support/redis';
import { startTestServer, type TestServer } from './support/server';
import { type ServerProcess, spawnServerProcess } from './support/server-process';
import { eventually } from './support/sockets';

// One of two processes behind a proxy is killed with SIGKILL in the middle of a send storm. Its clients reconnect
// through the proxy to the other and resume; senders retry what got no answer with the same client message id.
// Nothing is lost or duplicated: every message is in the database once, and every listener received each one once,
// in journal order. "Not duplicated" is per client message id: a retry whose first attempt committed before the
// kill is answered with that first message (the id's unique key), never stored twice. Runs in the CI pass on
// MariaDB + Redis (the shared servers, never restarted here: only a server process dies).
const onMariaDb = /^(mysql|mariadb):\/\//.test(process.env.DATABASE_URL ?? '');

const SENDERS = 3;
const PER_SENDER = 40;
/** The kill comes once this many sends were answered: well inside the storm. */
const KILL_AFTER = 35;

describe.runIf(onMariaDb)('a process killed in the middle of a send storm', () => {
  let database: TestDatabase;
  let doomed: ServerProcess;
  let survivor: TestServer;
  let proxy: FailoverProxy;
  const stops: Array<() => void> = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const shared = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:` };
    survivor = await startTestServer(shared, { database });
    doomed = await spawnServerProcess({ ...shared, DATABASE_URL: database.url, SCRYPT_LOG_N: '12' });
    // New connections prefer the doomed process while it lives.
    proxy = await startFailoverProxy([doomed.port, survivor.port]);
  }, 60_000);
  afterAll(async () => {
    for (const stop of stops) stop();
    await proxy?.close();
    await doomed?.crash().catch(() => undefined);
    await survivor?.close();
    await database?.drop();
  });

  /** A listener through the typed client: `listen()` resumes after its last event id when its socket drops. */
  function listener(user: TestUser, url: string) {
    const ids: number[] = [];
    let started = 0;
    const chat = createChatClient({ url, token: user.token, WebSocket, socket: { retryDelayMs: () => 100 } });
    const stream: EventListener = listen(chat, {
      onEvent: (event) => {
        if (event.type === 'message.created') ids.push(event.message.id);
      },
      onStarted: () => started++,
    });
    stops.push(() => {
      stream.stop();
      chat.close();
    });
    return { ids, started: () => started };
  }

  /** Sends one message through the proxy until it is answered 200, always with the same client message id. */
  const tally = { retries: 0, answeredByFirst: 0 };
  async function sendUntilStored(user: TestUser, conversationId: number, clientId: string): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) tally.retries++;
      try {
        const res = await client(proxy.baseUrl).post<{
          result: { data: { created: boolean; message: { id: number } } };
        }>(
          '/trpc/messages.send',
          { conversation_id: conversationId, body: clientId, client_message_id: clientId },
          { token: user.token },
        );
        if (res.status === 200) {
          // A retry answered with the message its lost first attempt stored.
          if (!res.body.result.data.created) tally.answeredByFirst++;
          return res.body.result.data.message.id;
        }
        if (res.status < 500) throw new Error(`send refused: ${res.status} ${JSON.stringify(res.body)}`);
      } catch (error) {
        // The connection died with the process: the answer is lost, not the request's meaning.
        if (error instanceof Error && error.message.startsWith('send refused')) throw error;
      }
      if (attempt > 100) throw new Error(`${clientId} was never stored`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('loses and duplicates nothing: in the database and on every listener', async () => {
    const users = await createUsers(client(survivor.baseUrl), SENDERS + 2);
    const senders = users.slice(0, SENDERS);
    const [viaProxy, onSurvivor] = users.slice(SENDERS) as [TestUser, TestUser];
    const creator = createChatClient({ url: survivor.baseUrl, token: users[0]?.token }).api;
    const conversation = await creator.conversations.createGroup.mutate({
      title: 'storm',
      user_ids: users.slice(1).map((user) => user.id),
    });
    const throughProxy = listener(viaProxy, proxy.baseUrl);
    const direct = listener(onSurvivor, survivor.baseUrl);
    await eventually(() => throughProxy.started() > 0 && direct.started() > 0);

    let answered = 0;
    let answeredAtKill = 0;
    const killed = (async () => {
      await eventually(() => answered >= KILL_AFTER, 20_000);
      answeredAtKill = answered;
      await doomed.crash();
    })();
    await Promise.all(
      senders.map(async (sender, index) => {
        for (let i = 0; i < PER_SENDER; i++) {
          await sendUntilStored(sender, conversation.id, `s${index}-${i}`);
          answered++;
        }
      }),
    );
    await killed;
    const stormEnded = Date.now();

    const stored = await survivor.app.deps.db
      .selectFrom('messages')
      .select(['id', 'client_message_id'])
      .where('conversation_id', '=', conversation.id)
      .orderBy('id')
      .execute();
    // Every message once in the database.
    const sent = senders.flatMap((_, index) =>
      Array.from({ length: PER_SENDER }, (_, i) => `s${index}-${i}`),
    );
    expect(stored).toHaveLength(sent.length);
    expect(new Set(stored.map((row) => row.client_message_id))).toEqual(new Set(sent));
    const ids = stored.map((row) => row.id);
    // Every listener hears each once, in order: the one whose process died through its resume from the journal.
    await eventually(() => throughProxy.ids.length >= ids.length && direct.ids.length >= ids.length, 15_000);
    const caughtUpMs = Date.now() - stormEnded;
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.info(
      `kill: at ${answeredAtKill}/${ids.length} answered; ${tally.retries} retries, ${tally.answeredByFirst} answered by a first attempt's message; listeners complete ${caughtUpMs} ms after the storm`,
    );
    expect(answeredAtKill).toBeLessThan(ids.length);
    expect(throughProxy.ids).toEqual(ids);
    expect(direct.ids).toEqual(ids);
    expect(throughProxy.started()).toBeGreaterThan(1);
  });
});
