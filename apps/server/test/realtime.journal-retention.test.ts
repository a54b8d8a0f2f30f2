import { type ChatClient, createChatClient, listen, type StreamEvent } from '@chatapp/client';
import { events } from '@chatapp/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createUser, type TestUser } from './support/accounts';
import { openChat } from './support/conversations';
import { eventually } from './support/sockets';
import { serverForSuite } from './support/suite-server';
import { subscribeStream, trpcHttp } from './support/trpc';

// Issue 20, item 4: the realtime journal keeps JOURNAL_RETENTION_HOURS of events (a background pruner deletes older
// rows in batches), and a resume from before what it keeps is answered `resync`, never with a silent gap.
const PRUNE_EVERY_SECONDS = 0.2;
const { server, api } = serverForSuite({ JOURNAL_PRUNE_INTERVAL_SECONDS: String(PRUNE_EVERY_SECONDS) });
const closers: Array<() => unknown> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});

const EIGHT_DAYS_MS = 8 * 24 * 3_600_000;
const db = () => server().app.deps.db;

async function journalIds(): Promise<number[]> {
  const rows = await db().selectFrom('realtime_events').select('id').orderBy('id').execute();
  return rows.map((row) => Number(row.id));
}

/** Makes the journal rows up to `throughId` older than the default retention (7 days). */
async function age(throughId: number): Promise<void> {
  await db()
    .updateTable('realtime_events')
    .set({ created_at: Date.now() - EIGHT_DAYS_MS })
    .where('id', '<=', throughId)
    .execute();
}

/** Alice and Bob in one chat; `send` is Alice's, over HTTP, and answers the message's journal id. */
async function chat() {
  const alice = await createUser(api());
  const bob = await createUser(api());
  const conversationId = await openChat(api(), alice, bob);
  const alices = trpcHttp(server().baseUrl, alice.token);
  const send = async (body: string) => {
    await alices.messages.send.mutate({ conversation_id: conversationId, body });
    return events.latestJournalId(db());
  };
  return { alice, bob, send };
}

/** Sends `count` messages, then ages every journal row so far and waits for the server's pruner to delete them. */
async function pastRetention(send: (body: string) => Promise<number>, count: number): Promise<number> {
  let last = 0;
  for (let i = 0; i < count; i++) last = await send(`old ${i}`);
  await age(last);
  await eventually(async () => ((await journalIds())[0] ?? last + 1) > last);
  return last;
}

function bodies(received: StreamEvent[]): string[] {
  return received.flatMap((event) => (event.type === 'message.created' ? [event.message.body] : []));
}

function socketClient(bob: TestUser): ChatClient {
  const client = createChatClient({
    url: server().baseUrl,
    token: bob.token,
    WebSocket,
    socket: { retryDelayMs: () => 100 },
  });
  closers.push(() => client.close());
  return client;
}

describe('the journal pruner', () => {
  it('deletes the rows older than the retention, and only those', async () => {
    const { send } = await chat();
    const old = [await send('one'), await send('two'), await send('three')];
    const kept = [await send('four'), await send('five')];
    await age(old.at(-1) ?? 0);
    await eventually(async () => !(await journalIds()).includes(old[0] ?? 0));
    const ids = await journalIds();
    expect(ids.filter((id) => old.includes(id))).toEqual([]);
    expect(ids.filter((id) => kept.includes(id))).toEqual(kept);
  });

  it('prunes in batches, and processes pruning at once delete each row once', async () => {
    const { send } = await chat();
    const old: number[] = [];
    for (let i = 0; i < 7; i++) old.push(await send(`batch ${i}`));
    const recent = await send('recent');
    // Older than any cut-off in use, so this call and the server's own pruner race over the same rows.
    await db()
      .updateTable('realtime_events')
      .set({ created_at: 1 })
      .where('id', '<=', old.at(-1) ?? 0)
      .execute();
    const options = { batchSize: 2, pauseMs: 0 };
    const cutoff = Date.now() - 3_600_000;
    await Promise.all([
      events.pruneJournal(db(), cutoff, options),
      events.pruneJournal(db(), cutoff, options),
    ]);
    const ids = await journalIds();
    expect(ids.filter((id) => old.includes(id))).toEqual([]);
    expect(ids).toContain(recent);
  });
});

describe('resuming from before the retention', () => {
  it('the tRPC socket answers resync first, then live events; never the pruned ones', async () => {
    const { bob, send } = await chat();
    const before = String((await events.latestJournalId(db())) - 1);
    const last = await pastRetention(send, 3);

    const stream = subscribeStream(server().port, bob.token, before);
    closers.push(() => stream.stop());
    await eventually(() => stream.received.length > 0);
    expect(stream.received[0]?.data).toEqual({ type: 'resync', reason: 'retention' });
    expect(Number(stream.received[0]?.id)).toBeGreaterThanOrEqual(last);
    await send('live after resync');
    await eventually(() => stream.messages().length > 0);
    expect(stream.received.filter((envelope) => envelope.data.type === 'resync')).toHaveLength(1);
    expect(stream.messages().map((m) => m.message.body)).toEqual(['live after resync']);
  });

  it('server-sent events answer resync too', async () => {
    const { bob, send } = await chat();
    const before = String((await events.latestJournalId(db())) - 1);
    await pastRetention(send, 2);
    const aborted = new AbortController();
    closers.push(() => aborted.abort());
    const response = await fetch(`${server().baseUrl}/trpc/events.stream`, {
      headers: { authorization: `Bearer ${bob.token}`, accept: 'text/event-stream', 'last-event-id': before },
      signal: aborted.signal,
    });
    let text = '';
    const reader = response.body?.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const chunk = await reader?.read().catch(() => undefined);
        if (!chunk || chunk.done) return;
        text += decoder.decode(chunk.value);
      }
    })();
    await eventually(() => text.includes('"resync"'));
    expect(text).toContain('{"type":"resync","reason":"retention"}');
    expect(text).not.toContain('old 0');
    await send('live over sse');
    await eventually(() => text.includes('live over sse'));
    aborted.abort();
  });

  it("the client's listen() hands over resync, then live events, and keeps its id to resume from", async () => {
    const { bob, send } = await chat();
    const before = String((await events.latestJournalId(db())) - 1);
    const last = await pastRetention(send, 2);
    const received: StreamEvent[] = [];
    const listener = listen(socketClient(bob), {
      lastEventId: before,
      onEvent: (event) => received.push(event),
    });
    closers.push(() => listener.stop());
    await eventually(() => received.length > 0);
    expect(received[0]).toEqual({ type: 'resync', reason: 'retention' });
    expect(Number(listener.lastEventId)).toBeGreaterThanOrEqual(last);
    await send('live after listen');
    await eventually(() => bodies(received).length > 0);
    expect(bodies(received)).toEqual(['live after listen']);
  });

  it('an id the server never issued (a restored database, another server) answers resync too', async () => {
    const { bob } = await chat();
    const stream = subscribeStream(server().port, bob.token, String(1_000_000_000));
    closers.push(() => stream.stop());
    await eventually(() => stream.received.length > 0);
    expect(stream.received[0]?.data).toEqual({ type: 'resync', reason: 'unknown' });
  });
});

describe('resuming within the retention, after pruning', () => {
  it('replays everything after the id, with no gap and no resync', async () => {
    const { bob, send } = await chat();
    const lastOld = await pastRetention(send, 3);
    const from = await send('kept 0');
    await send('kept 1');
    await send('kept 2');
    // The oldest row left is the first one after the pruned ones: resuming from it misses nothing.
    expect((await journalIds())[0]).toBe(lastOld + 1);

    const stream = subscribeStream(server().port, bob.token, String(from));
    closers.push(() => stream.stop());
    await eventually(() => stream.messages().length === 2);
    await send('kept 3');
    await eventually(() => stream.messages().length === 3);
    expect(stream.received.map((envelope) => envelope.data.type)).not.toContain('resync');
    expect(stream.messages().map((m) => m.message.body)).toEqual(['kept 1', 'kept 2', 'kept 3']);
  });
});
