import type { Env } from '@chatapp/config';

/**
 * Node's HTTP server options against slow clients: the headers and the whole request must arrive in time, and an
 * idle keep-alive connection is closed after a while. Checked every second (Node's default is every 30 s, which
 * would let a slow client hold a connection for that long past its deadline).
 */
export function httpServerOptions(env: Env) {
  return {
    headersTimeout: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: 1_000,
  };
}
