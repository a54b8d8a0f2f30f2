import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the logger knows of the request being served (AsyncLocalStorage per server, see logger.ts). */
export interface RequestScope {
  id: string;
}

/** An id a client or proxy may choose: short, printable, nothing that could forge a log line. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's `X-Request-Id` when it is a sane one (a proxy's id ties its logs to ours), else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const offered = req.headers['x-request-id'];
  return typeof offered === 'string' && VALID_REQUEST_ID.test(offered) ? offered : randomUUID();
}
