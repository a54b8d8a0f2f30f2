import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect } from 'kysely';
import { createPool } from 'mysql2';
import { type GroupCommitOptions, takeSqliteWriteLock } from './group-commit';
import { type Log, silentLog } from './log';
import { withPreparedStatements } from './mysql-binary-protocol';
import type { Database } from './schema';
import { type BackgroundCheckpoints, startBackgroundCheckpoints } from './sqlite-checkpoints';
import { SqliteDialectKeepingErrors } from './sqlite-dialect';
import { requireWritableSqliteFolder } from './sqlite-writable';
import { withStatementCache } from './statement-cache';

export type DialectName = 'sqlite' | 'mysql';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** A SQLite file's checkpoint worker (null in memory and on MySQL/MariaDB). */
  checkpoints?: BackgroundCheckpoints | null;
  /** How group-commit batches run on this database (the runtime's GroupCommit is built with these). */
  commitOptions: GroupCommitOptions;
  /** The connection pool's state for metrics (MySQL/MariaDB); null for SQLite's one connection. */
  poolStats(): PoolStats | null;
  close(): Promise<void>;
}

/** Connections of the pool in use and idle, and the requests waiting for one. */
export interface PoolStats {
  used: number;
  free: number;
  queued: number;
}

export interface DatabaseOptions {
  /** Where background database work reports failures (SQLite's checkpoints); silent by default. */
  log?: Log;
}

/** Opens the database named by a `file:` (SQLite) or `mysql://` (MySQL/MariaDB) URL. */
export function openDatabase(url: string, options: DatabaseOptions = {}): DatabaseHandle {
  if (url.startsWith('file:')) return openSqlite(url.slice('file:'.length), options.log ?? silentLog);
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) return openMysql(url);
  throw new Error(`Unsupported DATABASE_URL scheme: ${url.split(':')[0]}`);
}

/** The most of a SQLite file read through mmap (address space, not memory); the rest is read page by page. */
const SQLITE_MMAP_BYTES = 1024 ** 3;

function openSqlite(path: string, log: Log): DatabaseHandle {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const file = inMemory ? ':memory:' : resolve(path);
  if (!inMemory) requireWritableSqliteFolder(file);
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the single writer; busy_timeout waits instead of failing on a locked file.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Reads go through a memory map instead of a read() syscall per page missing from the 2 MB page cache: ~30% less
  // CPU per conversation list on a 120 MB file. Writes still go through the WAL (SQLite never writes via the map),
  // and the map only reserves address space; the kernel's page cache backs it.
  if (!inMemory) sqlite.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  // Commits never wait for a checkpoint's fsyncs: a worker thread takes them (see sqlite-checkpoints.ts).
  const checkpoints = inMemory ? null : startBackgroundCheckpoints(sqlite, file, { log });
  const db = new Kysely<Database>({
    dialect: new SqliteDialectKeepingErrors({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    checkpoints,
    // One connection, so one batch at a time. Several processes may share the file: each batch waits for the write
    // lock up front (see takeSqliteWriteLock).
    commitOptions: { concurrency: 1, begin: takeSqliteWriteLock },
    poolStats: () => null,
    async close() {
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

/** Group-commit batches in flight at once on MySQL/MariaDB; the rest of the pool stays free for reads. */
const GROUP_COMMIT_CONCURRENCY = 6;

function openMysql(url: string): DatabaseHandle {
  const pool = createPool({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4_unicode_ci',
    connectionLimit: 16,
    // Epoch-millisecond BIGINTs stay well inside 2^53, so plain numbers are exact.
    supportBigNumbers: true,
    bigNumberStrings: false,
    timezone: 'Z',
    // Server-side prepared statements kept per connection (see withPreparedStatements), least recently used closed
    // first: 16 connections × 256 stays well under MariaDB's max_prepared_stmt_count (16,382 for the whole server)
    // with a few processes sharing it.
    maxPreparedStatements: 256,
  });
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: withPreparedStatements(pool) }) });
  return {
    db,
    dialect: 'mysql',
    // Batches on different conversations commit side by side on the pool's connections; they take their locks in
    // one order (see CommitStage).
    commitOptions: { concurrency: GROUP_COMMIT_CONCURRENCY },
    poolStats: () => mysqlPoolStats(pool),
    close: () => db.destroy(),
  };
}

/**
 * mysql2 keeps its pool's state in fields it does not type (`_allConnections`, `_freeConnections`,
 * `_connectionQueue`, each with a length); read them defensively, so a future mysql2 shows zeros, never a crash.
 */
function mysqlPoolStats(pool: object): PoolStats {
  const length = (field: string): number => {
    const value: unknown = Reflect.get(pool, field);
    const size = typeof value === 'object' && value !== null ? Reflect.get(value, 'length') : undefined;
    return typeof size === 'number' ? size : 0;
  };
  const all = length('_allConnections');
  const free = length('_freeConnections');
  return { used: all - free, free, queued: length('_connectionQueue') };
}
