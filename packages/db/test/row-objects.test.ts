import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withRowObjects } from '../src/row-objects';

describe('withRowObjects', () => {
  const sqlite = new SQLite(':memory:');
  sqlite.exec(
    "create table t (id integer primary key, v text, n real, b blob, big integer); insert into t (v, n, b, big) values ('a', 1.5, x'0102', 1700000000000), (null, null, null, null)",
  );
  const own = (sql: string, parameters: unknown[] = []) => sqlite.prepare(sql).all(parameters);

  it('builds the same rows as better-sqlite3: keys in column order, values untouched', () => {
    const sql = 'select id, v, n, b, big, v as again from t order by id';
    const rows = withRowObjects(sqlite.prepare(sql)).all([]);
    expect(rows).toEqual(own(sql));
    expect(rows.map((row) => Object.keys(row as object))).toEqual(
      own(sql).map((row) => Object.keys(row as object)),
    );
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('keeps the last of duplicate column names, as better-sqlite3 does', () => {
    const sql = 'select 1 as x, 2 as y, 3 as x';
    expect(withRowObjects(sqlite.prepare(sql)).all([])).toEqual(own(sql));
    expect(withRowObjects(sqlite.prepare(sql)).all([])).toEqual([{ x: 3, y: 2 }]);
  });

  it('streams the same rows, and passes parameters', () => {
    const statement = withRowObjects(sqlite.prepare('select id, v from t where id >= ? order by id'));
    const rows = statement.iterate([1]);
    expect(rows.next().value).toEqual({ id: 1, v: 'a' });
    expect(statement.busy).toBe(true);
    expect([...rows]).toEqual([{ id: 2, v: null }]);
    expect(statement.busy).toBe(false);
  });

  it('leaves writes, RETURNING and a column named __proto__ correct', () => {
    const insert = withRowObjects(sqlite.prepare("insert into t (v) values ('c')"));
    expect(insert.reader).toBe(false);
    expect(insert.run([]).changes).toBe(1);
    const returning = withRowObjects(sqlite.prepare("insert into t (v) values ('d') returning id, v"));
    expect(returning.all([])).toEqual([{ id: 4, v: 'd' }]);
    const proto = withRowObjects(sqlite.prepare('select 1 as "__proto__"')).all([]);
    expect(proto).toEqual(own('select 1 as "__proto__"'));
    expect(Object.getPrototypeOf(proto[0])).toBe(Object.prototype);
  });
});
