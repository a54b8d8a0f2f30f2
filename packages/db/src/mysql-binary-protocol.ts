import type { MysqlPool, MysqlPoolConnection, MysqlQueryResult } from 'kysely';
import type { Pool, PoolConnection } from 'mysql2';

/**
 * Hands Kysely a pool whose connections run parameterised statements as server-side prepared statements
 * (mysql2's `execute`, the binary protocol) instead of `query`. Kysely's driver only calls `query`, which makes
 * mysql2 format every value into the SQL text and the server parse every statement anew; with `execute` each
 * distinct statement is prepared once per connection (mysql2 keeps them by SQL text) and then only its values
 * travel. Statements without parameters (BEGIN, COMMIT, DDL in migrations) and streamed reads still use `query`.
 */
export function withPreparedStatements(pool: Pool): MysqlPool {
  // A memo of wrappers, one per pooled connection, kept with the pool (not at module level) and dropped with it.
  const wrapped = new WeakMap<PoolConnection, MysqlPoolConnection>();
  const wrap = (raw: PoolConnection): MysqlPoolConnection => {
    let connection = wrapped.get(raw);
    if (!connection) {
      connection = {
        query: ((
          sql: string,
          parameters: unknown[],
          callback?: (error: unknown, result: MysqlQueryResult) => void,
        ) => {
          if (!callback) return (raw as unknown as MysqlPoolConnection).query(sql, parameters);
          const done = (error: unknown, result: unknown) => callback(error, result as MysqlQueryResult);
          if (parameters.length === 0) raw.query(sql, done);
          else raw.execute(sql, parameters as never[], done);
        }) as MysqlPoolConnection['query'],
        release: () => raw.release(),
      };
      wrapped.set(raw, connection);
    }
    return connection;
  };
  return {
    getConnection: (callback) =>
      pool.getConnection((error, raw) => callback(error, error ? (raw as never) : wrap(raw))),
    end: (callback) => pool.end(callback),
  };
}
