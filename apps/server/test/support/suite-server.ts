import { afterAll, beforeAll } from 'vitest';
import { client, type TestClient } from './http';
import { startTestServer, type TestServer } from './server';

/**
 * One server on a fresh database for the calling suite (or describe block), started before its tests and closed
 * after them, with an HTTP client for it. Read both inside tests: they exist once `beforeAll` has run. `overrides`
 * are settings of the environment (see startTestServer).
 */
export function serverForSuite(overrides: Record<string, string> = {}): {
  server: () => TestServer;
  api: () => TestClient;
} {
  let server: TestServer | undefined;
  let api: TestClient | undefined;
  beforeAll(async () => {
    server = await startTestServer(overrides);
    api = client(server.baseUrl);
  });
  afterAll(() => server?.close());
  return {
    server: () => {
      if (!server) throw new Error('The suite server has not started yet');
      return server;
    },
    api: () => {
      if (!api) throw new Error('The suite server has not started yet');
      return api;
    },
  };
}
