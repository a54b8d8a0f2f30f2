import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { advanceSequence, type Database, GroupCommit } from '../src';
import { useMigratedDatabase } from './support/migrated-database';

const nextTurns = async (count: number) => {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
};

const until = async (condition: () => boolean) => {
  while (!condition()) await nextTurns(1);
};

describe('group commit and the journal sequence', () => {
  const database = useMigratedDatabase();
  let db: Kysely<Database>;
  beforeAll(() => {
    db = database();
  });

  const insertUser = (trx: Kysely<Database>, name: string) =>
    trx
      .insertInto('users')
      .values({
        username: name,
        username_key: name,
        email: `${name}@example.com`,
        email_key: `${name}@example.com`,
        password_hash: null,
        first_name: name,
        last_name: '',
        profile: null,
        profile_thumb: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();

  const storedNames = async (prefix: string) =>
    (await db.selectFrom('users').select('username').where('username', 'like', `${prefix}%`).execute())
      .map((row) => row.username)
      .sort();

  it('runs work that arrives together in one transaction, and each caller gets its own result', async () => {
    const group = new GroupCommit(db);
    const transactions: Kysely<Database>[] = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        group.run(async (trx) => {
          transactions.push(trx);
          await insertUser(trx, `together${index}`);
          return index * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 10 }, (_, index) => index * 2));
    expect(new Set(transactions).size).toBe(1);
    expect(await storedNames('together')).toHaveLength(10);
  });

  it('fails only the unit that threw, with its own error, and commits the others', async () => {
    const group = new GroupCommit(db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, index) =>
        group.run(async (trx) => {
          await insertUser(trx, `alone${index}`);
          if (index === 3) throw new Error('unit 3 refuses');
          return index;
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[3] as PromiseRejectedResult).reason).toEqual(new Error('unit 3 refuses'));
    expect(await storedNames('alone')).toEqual(['alone0', 'alone1', 'alone2', 'alone4', 'alone5']);
  });

  it('a unit that breaks a unique key fails alone; the batch around it lands', async () => {
    const group = new GroupCommit(db);
    const outcomes = await Promise.allSettled([
      group.run((trx) => insertUser(trx, 'dupe')),
      group.run((trx) => insertUser(trx, 'dupe')),
      group.run((trx) => insertUser(trx, 'dupe-neighbour')),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(await storedNames('dupe')).toEqual(['dupe', 'dupe-neighbour']);
  });

  it('runs the units of a batch in ascending lock order, then its finishers once per stage, before the commit', async () => {
    const group = new GroupCommit(db);
    const order: string[] = [];
    const units = [30, 10, 20].map((key) =>
      group.run(async (trx, batch) => {
        order.push(`unit ${key}`);
        await insertUser(trx, `ordered${key}`);
        // Registered first, run last: journal finishers follow every finisher of an earlier stage.
        batch.beforeCommit(async () => void order.push(`journal ${key}`), 'journal');
        batch.beforeCommit(async (finishing) => {
          // Still inside the batch's transaction: it sees every unit's rows.
          const names = await finishing
            .selectFrom('users')
            .select('username')
            .where('username', 'like', 'ordered%')
            .execute();
          order.push(`messages ${key} sees ${names.length}`);
          // A finisher may add one to a later stage; one added to a stage that has run is refused.
          batch.beforeCommit(async () => {
            order.push(`journal from messages ${key}`);
            expect(() => batch.beforeCommit(async () => {}, 'marks')).toThrow('The marks stage');
          }, 'journal');
        }, 'messages');
        return key;
      }, key),
    );
    expect(await Promise.all(units)).toEqual([30, 10, 20]);
    expect(order).toEqual([
      'unit 10',
      'unit 20',
      'unit 30',
      'messages 10 sees 3',
      'messages 20 sees 3',
      'messages 30 sees 3',
      'journal 10',
      'journal 20',
      'journal 30',
      'journal from messages 10',
      'journal from messages 20',
      'journal from messages 30',
    ]);
  });

  it('with several batches in flight, commits every unit exactly once', async () => {
    const group = new GroupCommit(db, { concurrency: 3 });
    const keys = Array.from({ length: 200 }, (_, index) => index);
    const results = await Promise.all(
      keys.map((key) =>
        group.run(async (trx) => {
          await insertUser(trx, `parallel${key}`);
          return key;
        }, key % 7),
      ),
    );
    expect(results).toEqual(keys);
    expect(await storedNames('parallel')).toHaveLength(200);
  });

  it('starts a batch beside a running one only when enough work waits; otherwise the waiting work goes together next', async () => {
    const group = new GroupCommit(db, { concurrency: 2, minUnitsToOverlap: 4 });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transactionOf = new Map<string, Kysely<Database>>();
    const unit = (name: string, wait?: Promise<void>) =>
      group.run(async (trx) => {
        transactionOf.set(name, trx);
        await insertUser(trx, `overlap${name}`);
        await wait;
        return name;
      });
    const first = unit('first', gate);
    await until(() => transactionOf.has('first'));
    // Two units, arriving in separate turns while the first batch is still open: fewer than four, so neither
    // starts a batch of its own beside it.
    const second = unit('second');
    await nextTurns(3);
    const third = unit('third');
    await nextTurns(3);
    expect(transactionOf.has('second')).toBe(false);
    expect(transactionOf.has('third')).toBe(false);
    release();
    expect(await Promise.all([first, second, third])).toEqual(['first', 'second', 'third']);
    expect(transactionOf.get('second')).toBe(transactionOf.get('third'));
    expect(transactionOf.get('second')).not.toBe(transactionOf.get('first'));
    expect(await storedNames('overlap')).toEqual(['overlapfirst', 'overlapsecond', 'overlapthird']);
  });

  it('hands out consecutive sequence numbers, never twice, under concurrent batches', async () => {
    const group = new GroupCommit(db);
    const { last_id: start } = await db
      .selectFrom('realtime_sequence')
      .select('last_id')
      .where('name', '=', 'events')
      .executeTakeFirstOrThrow();
    const counts = [1, 3, 1, 5, 2, 1, 4];
    const lasts = await Promise.all(
      counts.map((count) => group.run((trx) => advanceSequence(trx, 'events', count))),
    );
    const taken = lasts.flatMap((last, index) => {
      const count = counts[index] ?? 0;
      return Array.from({ length: count }, (_, offset) => last - count + 1 + offset);
    });
    const total = counts.reduce((sum, count) => sum + count, 0);
    expect(taken.sort((a, b) => a - b)).toEqual(
      Array.from({ length: total }, (_, index) => start + 1 + index),
    );
  });
});
