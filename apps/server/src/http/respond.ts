import type { ServerResponse } from 'node:http';

/** Writes a JSON response (every API answer, errors included, is JSON). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}

export function sendNotFound(res: ServerResponse): void {
  sendJson(res, 404, { detail: 'Not found.' });
}
