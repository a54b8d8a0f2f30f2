import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Database, insertedId, preparedQuery } from '../src';
import { useMigratedDatabase } from './support/migrated-database';

const insertUser = preparedQuery((db, p: { name: string; key: string; at: number }) =>
  db.insertInto('users').values({
    username: p.name,
    username_key: p.key,
    email: p.key,
    email_key: p.key,
    password_hash: null,
    first_name: p.name,
    last_name: '',
    profile: null,
    profile_thumb: null,
    created_at: p.at,
    updated_at: p.at,
  }),
);

const findUser = preparedQuery((db, p: { key: string }) =>
  db.selectFrom('users').select(['id', 'username', 'created_at']).where('username_key', '=', p.key),
);

const renameNewer = preparedQuery((db, p: { name: string; after: number }) =>
  db
    .updateTable('users')
    .set({ first_name: p.name })
    .where('created_at', '>', p.after)
    // People only: the assistant's account (migration 0010) is in every migrated database.
    .where('is_bot', '=', 0)
    .where((eb) => eb.or([eb('profile', 'is', null), eb('profile', '=', '')])),
);

describe('preparedQuery', () => {
  const database = useMigratedDatabase();
  let db: Kysely<Database>;
  beforeAll(() => {
    db = database();
  });

  it('runs with new values on every call, as the same query built each time would', async () => {
    const ada = await insertUser.execute(db, { name: 'Ada', key: 'ada', at: 100 });
    const bob = await insertUser.execute(db, { name: 'Bob', key: 'bob', at: 200 });
    expect(insertedId(ada)).not.toBe(insertedId(bob));
    expect(await findUser.first(db, { key: 'bob' })).toEqual({
      id: insertedId(bob),
      username: 'Bob',
      created_at: 200,
    });
    expect(await findUser.rows(db, { key: 'nobody' })).toEqual([]);
    const built = await db
      .selectFrom('users')
      .select(['id', 'username', 'created_at'])
      .where('username_key', '=', 'ada')
      .execute();
    expect(await findUser.rows(db, { key: 'ada' })).toEqual(built);

    const renamed = await renameNewer.execute(db, { name: 'Late', after: 150 });
    expect(Number(renamed.numAffectedRows)).toBe(1);
    expect(
      (await db.selectFrom('users').select('first_name').where('is_bot', '=', 0).orderBy('id').execute()).map(
        (r) => r.first_name,
      ),
    ).toEqual(['Ada', 'Late']);
  });

  it('runs inside a transaction, and rolls back with it', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await insertUser.execute(trx, { name: 'Cy', key: 'cy', at: 300 });
        expect(await findUser.first(trx, { key: 'cy' })).toMatchObject({ username: 'Cy' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await findUser.first(db, { key: 'cy' })).toBeUndefined();
  });

  it('lets plugins see and change the query on every call, as they do with ordinary queries', async () => {
    let seen = 0;
    const counting = db.withPlugin({
      transformQuery: (args) => {
        seen++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    await findUser.rows(counting, { key: 'ada' });
    await findUser.rows(counting, { key: 'bob' });
    expect(seen).toBe(2);
  });

  it('takes lists for `in`, one compiled shape per length', async () => {
    const byKeys = preparedQuery((db, p: { keys: string[] }) =>
      db.selectFrom('users').select('username').where('username_key', 'in', p.keys).orderBy('id'),
    );
    expect(await byKeys(db, { keys: ['ada', 'bob'] })).toEqual([{ username: 'Ada' }, { username: 'Bob' }]);
    expect(await byKeys(db, { keys: ['bob'] })).toEqual([{ username: 'Bob' }]);
    expect(await byKeys.rows(db, { keys: ['nobody', 'ada'] })).toEqual([{ username: 'Ada' }]);
  });

  it('keeps answering past the statements a connection keeps compiled (300 distinct list lengths)', async () => {
    const countIn = preparedQuery((db, p: { ids: number[] }) =>
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'in', p.ids),
    );
    const [first] = await db.selectFrom('users').select('id').orderBy('id').limit(1).execute();
    const known = first?.id ?? 0;
    for (let length = 1; length <= 300; length++) {
      const ids = [known, ...Array.from({ length: length - 1 }, (_, index) => -1 - index)];
      expect(Number((await countIn.first(db, { ids }))?.n)).toBe(1);
    }
  });

  it('refuses a build that looks at a parameter instead of passing it as a value', async () => {
    const peeking = preparedQuery((db, p: { key: string }) =>
      db.selectFrom('users').select('id').where('username_key', '=', `${p.key}`),
    );
    await expect(peeking(db, { key: 'ada' })).rejects.toThrow('something other than a value');
  });

  it('refuses a call that leaves a parameter out', async () => {
    await expect(findUser.rows(db, {} as { key: string })).rejects.toThrow('"key" is missing');
  });
});
