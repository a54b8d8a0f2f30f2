import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database, Log } from '@chatapp/db';
import { type Kysely, sql } from 'kysely';
import { sendJson } from './respond';

/** `/healthz`: the process is up. `/readyz`: it can reach its database. */
export async function handleHealthRequest(
  _req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  db: Kysely<Database>,
  log: Log,
): Promise<boolean> {
  if (pathname === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return true;
  }
  if (pathname === '/readyz') {
    try {
      await sql`select 1`.execute(db);
      sendJson(res, 200, { status: 'ready', database: 'ok' });
    } catch (error) {
      log.error({ err: error }, 'readiness check failed');
      sendJson(res, 503, { status: 'unavailable', database: 'unreachable' });
    }
    return true;
  }
  return false;
}
