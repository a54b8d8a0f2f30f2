import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { type RowStatement, withRowObjects } from './row-objects';

/** Distinct SQL texts kept compiled; IN lists of varying length make each length its own text. */
const DEFAULT_CAPACITY = 1_000;

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query it runs, and better-sqlite3 compiles the SQL each
 * time: on the send path that compilation cost as much as running the statements. This keeps compiled statements
 * by SQL text (least recently used dropped first) and hands them out again. A statement still being iterated
 * (`busy`: a streamed query in progress) is never shared; a fresh one is compiled instead. Reading statements build
 * their row objects in JS (row-objects.ts).
 */
export function withStatementCache(database: SQLite.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const statements = new Map<string, RowStatement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Re-inserting moves it to the back of the Map's order: the front is the least recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = withRowObjects(database.prepare(sql));
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > capacity) {
          const oldest = statements.keys().next();
          if (!oldest.done) statements.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}
