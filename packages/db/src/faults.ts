/**
 * Failures of the database itself, as opposed to a query's own (a unique key, a bad value): the server cannot reach
 * it, or it cannot write. Both dialects' drivers report them by code; the API answers them as "unavailable" (503)
 * instead of an internal error, because retrying later can succeed and nothing was stored.
 */
export type StorageFault = 'unreachable' | 'full' | 'read_only';

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

function faultOfCode(code: string): StorageFault | null {
  if (MYSQL_UNREACHABLE.has(code)) return 'unreachable';
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
