import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { preparedQuery } from '../src/prepared';
import { withStatementCache } from '../src/statement-cache';

interface TestDb {
  t: { id: number; owner: number; v: string };
}

describe('preparedQuery against the built query', () => {
  const sqlite = new SQLite(':memory:');
  sqlite.exec(
    "create table t (id integer primary key, owner integer, v text); insert into t (owner, v) values (1, 'a'), (1, 'b'), (2, 'c'), (2, 'd'), (3, 'e')",
  );
  const compiled: string[] = [];
  const db = new Kysely<TestDb>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    log: (event) => {
      compiled.push(event.query.sql);
    },
  });

  const build = (kysely: Kysely<TestDb>, p: { owner: number; ids: readonly number[]; limit: number }) =>
    kysely
      .selectFrom('t')
      .select(['id', 'v', (eb) => eb.lit(7).as('seven')])
      .where('owner', '!=', p.owner)
      .where('id', 'in', p.ids)
      .where('v', '!=', 'zzz')
      .orderBy('id', 'desc')
      .limit(p.limit);
  const prepared = preparedQuery(build);

  it('answers what the query built for the same values answers, whatever the values and list lengths', async () => {
    for (const params of [
      { owner: 1, ids: [1, 3, 5], limit: 10 },
      { owner: 2, ids: [1, 3, 5], limit: 1 },
      { owner: 3, ids: [2, 4], limit: 10 },
      { owner: 9, ids: [5], limit: 10 },
      { owner: 1, ids: [1, 2, 3, 4, 5], limit: 3 },
    ]) {
      expect(await prepared(db, params)).toEqual(await build(db, params).execute());
    }
  });

  it('sends the same SQL as the built query, a parameter used twice included', async () => {
    const twice = preparedQuery((kysely: Kysely<TestDb>, p: { owner: number }) =>
      kysely
        .selectFrom('t')
        .select('id')
        .where((eb) => eb.or([eb('owner', '=', p.owner), eb('id', '=', p.owner)])),
    );
    compiled.length = 0;
    const rows = await twice(db, { owner: 3 });
    expect(rows.map((row) => row.id).sort()).toEqual([3, 5]);
    expect(compiled).toEqual([
      db
        .selectFrom('t')
        .select('id')
        .where((eb) => eb.or([eb('owner', '=', 3), eb('id', '=', 3)]))
        .compile().sql,
    ]);
  });

  it('refuses a builder that uses a parameter as text instead of a value', async () => {
    const misuse = preparedQuery((kysely: Kysely<TestDb>, p: { column: string }) =>
      kysely.selectFrom('t').select('id').where('v', '=', `${p.column}`),
    );
    // A template literal turns the placeholder into text, which would then be a constant: refused.
    await expect(misuse(db, { column: 'a' })).rejects.toThrow(/parameter/);
  });
});
