import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestServer, type TestServer } from './server';
import { type ServerProcess, spawnServerProcess } from './server-process';

/**
 * For a suite: a test server in this process and a second server process, on one fresh database and with the same
 * `env` (Redis settings, say); stopped and dropped after the suite. Read them inside tests.
 */
export function useTwoProcesses(env: Record<string, string> = {}) {
  let database: TestDatabase | undefined;
  let inProcess: TestServer | undefined;
  let other: ServerProcess | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    inProcess = await startTestServer(env, { database });
    other = await spawnServerProcess({ ...env, DATABASE_URL: database.url, SCRYPT_LOG_N: '12' });
  });
  afterAll(async () => {
    await other?.stop().catch(() => undefined);
    await inProcess?.close();
    await database?.drop();
  });
  return {
    inProcess(): TestServer {
      if (!inProcess) throw new Error('The servers are not started yet');
      return inProcess;
    },
    other(): ServerProcess {
      if (!other) throw new Error('The servers are not started yet');
      return other;
    },
  };
}
