import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, migrateToLatest, openDatabase } from '@chatapp/db';
import { accounts } from '@chatapp/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerIn } from '../src/clients/legacy-socket';
import { classifyTrpcFrame } from '../src/clients/trpc-socket';
import { type BenchDatabase, createBenchDatabase } from '../src/database';
import { REPO_ROOT } from '../src/paths';
import { countRows } from '../src/seed';
import { type SeededHistory, seedHistory } from '../src/seed-history';
import { SERVER_NODE_FLAGS } from '../src/server-process';
import { quantile } from '../src/stats';

// The bench's own helpers: the figures are only as good as the data set and the counting behind them.
describe('seedHistory', () => {
  let database: BenchDatabase;
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let seeded: SeededHistory;

  beforeAll(async () => {
    database = await createBenchDatabase('sqlite');
    const handle = openDatabase(database.url);
    db = handle.db;
    close = handle.close;
    await migrateToLatest(db);
    // More messages than conversations × whole rounds, so some conversations get one message fewer.
    seeded = await seedHistory(db, {
      users: 30,
      conversations: 40,
      messages: 1_010,
      groupShare: 0.25,
      groupSize: 5,
    });
  });
  afterAll(async () => {
    await close();
    await database.drop();
  });

  it('inserts exactly the requested rows', async () => {
    // The 30 seeded, and the assistant's account that migration 0010 creates.
    expect(await countRows(db, 'users')).toBe(30 + 1);
    expect(await countRows(db, 'auth_tokens')).toBe(30);
    expect(await countRows(db, 'conversations')).toBe(40);
    expect(await countRows(db, 'messages')).toBe(1_010);
    expect(await countRows(db, 'conversation_members')).toBe(30 * 2 + 10 * 5);
    expect(seeded.counts).toEqual({ users: 30, conversations: 40, members: 110, messages: 1_010 });
  });

  it('points each conversation at its newest message, sent by one of its members', async () => {
    const rows = await db
      .selectFrom('conversations')
      .innerJoin('messages', 'messages.conversation_id', 'conversations.id')
      .select(['conversations.id', 'conversations.last_message_id'])
      .select((eb) => eb.fn.max('messages.id').as('newest'))
      .groupBy(['conversations.id', 'conversations.last_message_id'])
      .execute();
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(row.last_message_id).toBe(row.newest);
    const strangers = await db
      .selectFrom('messages')
      .leftJoin('conversation_members as m', (join) =>
        join
          .onRef('m.conversation_id', '=', 'messages.conversation_id')
          .onRef('m.user_id', '=', 'messages.sender_id'),
      )
      .select('messages.id')
      .where('m.user_id', 'is', null)
      .execute();
    expect(strangers).toEqual([]);
  });

  it('issues tokens stored as the product stores them, and lists each user its own conversations', async () => {
    const [user] = seeded.users;
    if (!user) throw new Error('no users');
    const token = await db
      .selectFrom('auth_tokens')
      .select('user_id')
      .where('token_hash', '=', accounts.hashToken(user.token))
      .executeTakeFirst();
    expect(token?.user_id).toBe(user.id);
    const listed = seeded.conversationsOf.get(0) ?? [];
    const members = await db
      .selectFrom('conversation_members')
      .select('conversation_id')
      .where('user_id', '=', user.id)
      .orderBy('conversation_id')
      .execute();
    expect([...listed].sort((a, b) => a - b)).toEqual(members.map((m) => m.conversation_id));
  });
});

describe('counting helpers', () => {
  it('finds a marker number in a raw legacy frame', () => {
    const marker = Buffer.from('"body":"bm');
    expect(markerIn(Buffer.from('{"id":3,"type":"text","body":"bm1234","title":"x"}'), marker)).toBe(1234);
    expect(markerIn(Buffer.from('{"type":"connected_users","users":[1,2]}'), marker)).toBe(-1);
    expect(markerIn(Buffer.from('{"body":"bmx"}'), marker)).toBe(-1);
  });

  it('tells the frames of a raw tRPC socket apart: its stream (request 1), answers, errors', () => {
    const frame = (text: string) => classifyTrpcFrame(Buffer.from(text));
    expect(frame('{"id":1,"result":{"type":"started"}}')).toBe('started');
    expect(frame('{"id":1,"result":{"type":"data","id":"7","data":{"type":"message.created"}}}')).toBe(
      'event',
    );
    expect(frame('{"id":12,"result":{"type":"data","data":{"message":{"body":"bm5"}}}}')).toBe('answer');
    expect(frame('{"id":13,"error":{"message":"Too many frames","code":-32029}}')).toBe('error');
  });

  it('takes nearest-rank quantiles', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('the measured server', () => {
  it('runs with the Node.js flags that `pnpm start` gives the production server', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    };
    const startOptions = /NODE_OPTIONS="([^"]*)"/.exec(manifest.scripts.start)?.[1] ?? '';
    const startFlags = startOptions.split(' ').filter((flag) => flag.startsWith('--'));
    expect(startFlags).toEqual(SERVER_NODE_FLAGS);
  });
});
