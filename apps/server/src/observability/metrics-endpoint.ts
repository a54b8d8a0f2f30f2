import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerMetrics } from './metrics';

export const METRICS_PATH = '/metrics';

async function sendScrape(res: ServerResponse, metrics: ServerMetrics): Promise<void> {
  const { contentType, body } = await metrics.scrape();
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const offered = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
  const expected = Buffer.from(token);
  // Constant time, so the token cannot be guessed a byte at a time.
  return offered.length === expected.length && timingSafeEqual(offered, expected);
}

/**
 * `/metrics` on the main port: served only with METRICS_TOKEN, to `Authorization: Bearer <token>` (401 otherwise).
 * Returns false when it is not this route or no token is set (the dispatcher answers its JSON 404 then).
 */
export async function handleMetricsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  metrics: ServerMetrics,
  token: string | undefined,
): Promise<boolean> {
  if (pathname !== METRICS_PATH || token === undefined) return false;
  if (!bearerMatches(req, token)) {
    res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' });
    res.end(JSON.stringify({ detail: 'A valid metrics token is required' }));
    return true;
  }
  await sendScrape(res, metrics);
  return true;
}

/**
 * METRICS_PORT's listener: `/metrics` alone, no token (its host, loopback by default, is the protection).
 * Port 0 picks a free port (tests).
 */
export async function listenForMetrics(
  metrics: ServerMetrics,
  port: number,
  host: string,
): Promise<{ server: Server; address: AddressInfo }> {
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0];
    if (pathname !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ detail: 'Not found' }));
      return;
    }
    sendScrape(res, metrics).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server.address() as AddressInfo));
  });
  return { server, address };
}
