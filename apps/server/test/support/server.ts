import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Env, loadEnv } from '@chatapp/config';
import { type ChatServer, type ChatServerOptions, createChatServer } from '../../src/app';
import { createTestDatabase, type TestDatabase } from './database';
import { TEST_RATE_LIMITS } from './rate-limits';

export interface TestServer {
  app: ChatServer;
  /** DATA_DIR of this server (a temporary folder). */
  dataDir: string;
  baseUrl: string;
  port: number;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the real server on a free loopback port against a fresh database. Only cost settings differ from
 * production (a cheaper scrypt, and the per-address limits of rate-limits.ts), so that a suite can create many
 * accounts quickly.
 */
export async function startTestServer(
  overrides: Record<string, string> = {},
  options: { database?: TestDatabase; app?: ChatServerOptions } = {},
): Promise<TestServer> {
  // A suite that runs several servers on one database passes it in (and drops it itself).
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  // The server's own files (mail written as .eml without SMTP_URL) go to a folder of this server, removed after.
  const dataDir = mkdtempSync(join(tmpdir(), 'chatapp-data-'));
  const env: Env = loadEnv({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SCRYPT_LOG_N: '12',
    SERVE_WEB: 'false',
    ...TEST_RATE_LIMITS,
    // Web sessions in tests are signed with a fixed secret instead of one generated into ./data.
    AUTH_SECRET: 'chatapp-test-session-secret-0123456789abcdef',
    // Each server gets its own Redis key prefix, so suites never see each other's presence or events.
    ...(process.env.REDIS_URL
      ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `chatapp-test-${randomUUID()}:` }
      : {}),
    ...overrides,
  });
  const app = await createChatServer(env, options.app);
  const address = await app.listen(0, '127.0.0.1');
  return {
    app,
    dataDir,
    database,
    port: address.port,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close(1_000);
      rmSync(dataDir, { recursive: true, force: true });
      if (ownsDatabase) await database.drop();
    },
  };
}
