import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS as the legacy service answered it (contract §1.9): every origin, no credentials. Browsers' preflights get an
 * empty 200 with the allowed headers and methods.
 */
const ALLOW_HEADERS =
  'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with, trpc-accept';
const ALLOW_METHODS = 'DELETE, GET, OPTIONS, PATCH, POST, PUT';

export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  if (!req.headers.origin) return;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Vary', 'Origin');
}

/** Answers a CORS preflight; returns false when the request is not one. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS' || !req.headers.origin || !req.headers['access-control-request-method'])
    return false;
  res.writeHead(200, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
    'Content-Length': '0',
  });
  res.end();
  return true;
}
