import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../src/statement-cache';

describe('withStatementCache', () => {
  const sqlite = new SQLite(':memory:');
  sqlite.exec(
    "create table t (id integer primary key, v text); insert into t (v) values ('a'), ('b'), ('c')",
  );

  it('hands out the same compiled statement for the same SQL, and its results stay correct', () => {
    const db = withStatementCache(sqlite);
    const first = db.prepare('select v from t where id = ?');
    const again = db.prepare('select v from t where id = ?');
    expect(again).toBe(first);
    expect(first.all([1])).toEqual([{ v: 'a' }]);
    expect(again.all([2])).toEqual([{ v: 'b' }]);
  });

  it('forgets the least recently used statement beyond its capacity', () => {
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // "select 2" is now the least recently used
    db.prepare('select 3');
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('never shares a statement that is still being iterated', () => {
    const db = withStatementCache(sqlite);
    const streaming = db.prepare('select v from t order by id');
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ v: 'a' });
    const meanwhile = db.prepare('select v from t order by id');
    expect(meanwhile).not.toBe(streaming);
    expect(meanwhile.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ v: 'b' }, { v: 'c' }]);
  });
});
