import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OriginPolicy } from './origins';
import { sendJson } from './respond';

/**
 * CORS, no credentials. With ALLOWED_ORIGINS open (`*`), as the legacy service answered it (contract §1.9): every
 * origin. With a list, the allowed origin is echoed and any other gets no CORS header (the browser then refuses
 * to hand the answer to its page); their preflights are refused with 403. Preflights get an empty 200 with the
 * allowed headers and methods.
 */
const ALLOW_HEADERS =
  'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, trpc-accept';
const ALLOW_METHODS = 'DELETE, GET, OPTIONS, PATCH, POST, PUT';

function allowOrigin(req: IncomingMessage, origins: OriginPolicy): string | null {
  if (!req.headers.origin || !origins.allows(req)) return null;
  return origins.open ? '*' : req.headers.origin;
}

export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse, origins: OriginPolicy): void {
  if (!req.headers.origin) return;
  const allowed = allowOrigin(req, origins);
  if (allowed) res.setHeader('Access-Control-Allow-Origin', allowed);
  res.setHeader('Vary', 'Origin');
}

/** Answers a CORS preflight; returns false when the request is not one. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, origins: OriginPolicy): boolean {
  if (req.method !== 'OPTIONS' || !req.headers.origin || !req.headers['access-control-request-method'])
    return false;
  const allowed = allowOrigin(req, origins);
  if (!allowed) {
    sendJson(res, 403, { detail: 'Origin not allowed' });
    return true;
  }
  res.writeHead(200, {
    'Access-Control-Allow-Origin': allowed,
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
    'Content-Length': '0',
  });
  res.end();
  return true;
}
