import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_WEB_DIR } from '../../src/web/web-app';
import { client, type TestClient } from './http';
import { tempMediaRoot } from './media';
import { startTestServer, type TestServer } from './server';

/** A server that mounts the production build of the messenger UI (apps/web), for the browser suites. */

export const BUILD_ID = join(DEFAULT_WEB_DIR, '.next', 'BUILD_ID');

/** Says why up front: without a build the server (correctly) skips the UI and every page answers JSON 404. */
export function assertWebBuilt(): void {
  if (!existsSync(BUILD_ID))
    throw new Error(`apps/web is not built (${BUILD_ID} missing): run \`pnpm build\` (or \`pnpm test\`).`);
}

/** What a web-serving server needs besides the test defaults: production Next, and uploads in a temp folder. */
export function webServerEnv(mediaRoot: string): Record<string, string> {
  // Production mode logs every request at info; the suites' output keeps to warnings, as other test servers do.
  return { SERVE_WEB: 'true', NODE_ENV: 'production', MEDIA_ROOT: mediaRoot, LOG_LEVEL: 'warn' };
}

/**
 * One server mounting the built UI on a fresh database for the calling suite; closed after it. `extraEnv` is read
 * when the server starts, so it may name things the suite starts in an earlier beforeAll (a fake model server's
 * URL, an SMTP sink's).
 */
export function useWebServer(extraEnv: () => Record<string, string> = () => ({})): {
  server: () => TestServer;
  api: () => TestClient;
} {
  let server: TestServer | undefined;
  let api: TestClient | undefined;
  const media = tempMediaRoot();
  beforeAll(async () => {
    assertWebBuilt();
    server = await startTestServer({ ...webServerEnv(media.root), ...extraEnv() });
    api = client(server.baseUrl);
  });
  afterAll(async () => {
    await server?.close();
    media.remove();
  });
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
