/**
 * Failures of the database itself, as opposed to a query's own (a unique key, a bad value): the server cannot reach
 * it, or it cannot write. Both dialects' drivers report them by code; the API answers them as "unavailable" (503)
 * instead of an internal error, because retrying later can succeed and nothing was stored.
 */
export type StorageFault = 'unreachable' | 'full' | 'read_only' | 'contended';

/** mysql2's codes (socket-level and server-side) for a server that is gone, going, or refusing connections. */
const MYSQL_UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
]);

/**
 * Transactions that lost a lock race: InnoDB chose this one as a deadlock's victim (and rolled it back), or a lock
 * or SQLite's write lock stayed taken too long. Nothing was stored; the same transaction can simply run again.
 */
const CONTENDED = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

function faultOfCode(code: string): StorageFault | null {
  if (MYSQL_UNREACHABLE.has(code)) return 'unreachable';
  if (CONTENDED.has(code)) return 'contended';
  // SQLite's extended codes keep the primary one as a prefix (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE...).
  if (code === 'SQLITE_FULL' || code === 'ER_RECORD_FILE_FULL' || code === 'ER_DISK_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN')
    return 'read_only';
  // MariaDB started with --read-only.
  if (code === 'ER_OPTION_PREVENTS_STATEMENT') return 'read_only';
  return null;
}

/** The storage fault behind an error (looking through `cause`s), or null for any other error. */
export function storageFault(error: unknown): StorageFault | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') {
      const fault = faultOfCode(code);
      if (fault) return fault;
    }
    // A pool's "connection is in closed state" after the server went away carries no code.
    if (
      /connection is in closed state|Can't add new command when connection is in closed state/i.test(
        current.message,
      )
    )
      return 'unreachable';
    current = current.cause;
  }
  return null;
}

/**
 * Runs a transaction again when it lost a lock race (`contended`: rolled back, nothing stored), a few times with a
 * short random pause, so that a deadlock between, say, an invitation's insert into the outbox and a sender's claim
 * is not a failed request. Any other error, or the last attempt's, is thrown.
 */
export async function retryContended<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || storageFault(error) !== 'contended') throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
