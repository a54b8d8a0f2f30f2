import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@chatapp/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { countRows, openChat } from './support/conversations';
import { createTestDatabase, type TestDatabase } from './support/database';
import { client } from './support/http';
import { startTestServer, type TestServer } from './support/server';

// Issue 20, item 8: `pnpm db:backup <file>` while a server writes, and a restore that serves the data back.

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BACKUP_CLI = join(REPO_ROOT, 'packages/db/src/backup-cli.ts');

/** Runs `pnpm db:backup`'s entry against `databaseUrl`; resolves with its exit code and output. */
function runBackup(databaseUrl: string, file: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BACKUP_CLI, file], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Sends messages one after another until stopped; `acked` counts those the server confirmed. */
function keepSending(server: TestServer, from: TestUser, conversationId: number) {
  const api = client(server.baseUrl);
  let stopped = false;
  const state = { acked: 0 };
  const done = (async () => {
    for (let i = 0; !stopped; i += 1) {
      const res = await api.post(
        `/api/v1/conversations/${conversationId}/messages`,
        { body: `message ${i}` },
        { token: from.token },
      );
      if (res.status !== 200) throw new Error(`send failed: ${res.status}`);
      state.acked += 1;
    }
  })();
  return {
    state,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

async function messagesIn(databaseUrl: string): Promise<{ count: number; integrity: string }> {
  const handle = openDatabase(databaseUrl);
  try {
    const count = await countRows(handle.db, 'messages');
    const integrity =
      handle.dialect === 'sqlite'
        ? String(
            (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db)).rows[0]
              ?.integrity_check,
          )
        : 'ok';
    return { count, integrity };
  } finally {
    await handle.close();
  }
}

describe('pnpm db:backup', () => {
  let database: TestDatabase;
  let server: TestServer;
  let dir: string;
  let users: [TestUser, TestUser];
  let conversationId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer({}, { database });
    dir = mkdtempSync(join(tmpdir(), 'chatapp-backup-'));
    const api = client(server.baseUrl);
    users = [await createUser(api), await createUser(api)];
    conversationId = await openChat(api, users[0], users[1]);
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(process.env.DATABASE_URL?.startsWith('mysql') !== true)(
    'copies a live SQLite database while the server writes, and a server started on the copy serves it',
    async () => {
      const file = join(dir, 'live.db');
      const writer = keepSending(server, users[0], conversationId);
      await expect.poll(() => writer.state.acked, { timeout: 10_000 }).toBeGreaterThanOrEqual(20);
      const ackedBefore = writer.state.acked;
      const backup = await runBackup(database.url, file);
      const ackedAfter = writer.state.acked;
      await writer.stop();
      expect(backup.output).toContain('integrity check: ok');
      expect(backup.code).toBe(0);
      expect(existsSync(`${file}.partial`)).toBe(false);
      // The server kept writing through the backup, and the copy is one moment of it.
      expect(writer.state.acked).toBeGreaterThan(ackedBefore);
      const copied = await messagesIn(`file:${file}`);
      expect(copied.integrity).toBe('ok');
      expect(copied.count).toBeGreaterThanOrEqual(ackedBefore);
      expect(copied.count).toBeLessThanOrEqual(ackedAfter + 1);

      // A backup never overwrites.
      const again = await runBackup(database.url, file);
      expect(again.code).toBe(1);
      expect(again.output).toContain('exists');

      // Restore (docs/deploy.md): the copy put in place of the database file, a server started on it.
      const restoredDir = mkdtempSync(join(tmpdir(), 'chatapp-restored-'));
      copyFileSync(file, join(restoredDir, 'chatapp.db'));
      const restoredDb: TestDatabase = {
        url: `file:${join(restoredDir, 'chatapp.db')}`,
        dialect: 'sqlite',
        drop: async () => rmSync(restoredDir, { recursive: true, force: true }),
      };
      const restored = await startTestServer({}, { database: restoredDb });
      try {
        const api = client(restored.baseUrl);
        const page = await api.get<{ messages: { body: string }[] }>(
          `/api/v1/conversations/${conversationId}/messages?limit=200`,
          { token: users[1].token },
        );
        expect(page.status).toBe(200);
        expect(page.body.messages).toHaveLength(Math.min(copied.count, 200));
        const sent = await api.post(
          `/api/v1/conversations/${conversationId}/messages`,
          { body: 'after the restore' },
          { token: users[0].token },
        );
        expect(sent.status).toBe(200);
      } finally {
        await restored.close();
      }
      const after = await messagesIn(restoredDb.url);
      expect(after).toEqual({ count: copied.count + 1, integrity: 'ok' });
      await restoredDb.drop();
    },
    60_000,
  );

  it.runIf(process.env.DATABASE_URL?.startsWith('mysql') === true)(
    'dumps MariaDB with mariadb-dump --single-transaction, and the dump restores into a database a server serves',
    async () => {
      const file = join(dir, 'dump.sql');
      const writer = keepSending(server, users[0], conversationId);
      await expect.poll(() => writer.state.acked, { timeout: 10_000 }).toBeGreaterThanOrEqual(20);
      const ackedBefore = writer.state.acked;
      const backup = await runBackup(database.url, file);
      await writer.stop();
      expect(backup.code).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('CREATE TABLE `messages`');

      const restoredDb = await createTestDatabase();
      const target = new URL(restoredDb.url);
      const load = spawnSync(
        'mariadb',
        [
          `--host=${target.hostname}`,
          `--port=${target.port || '3306'}`,
          `--user=${decodeURIComponent(target.username || 'root')}`,
          target.pathname.slice(1),
        ],
        {
          input: readFileSync(file),
          env: { ...process.env, MYSQL_PWD: decodeURIComponent(target.password) },
        },
      );
      expect(load.status, load.stderr.toString()).toBe(0);
      const restored = await startTestServer({}, { database: restoredDb });
      try {
        const copied = await messagesIn(restoredDb.url);
        expect(copied.count).toBeGreaterThanOrEqual(ackedBefore);
        const page = await client(restored.baseUrl).get<{ messages: unknown[] }>(
          `/api/v1/conversations/${conversationId}/messages?limit=200`,
          { token: users[1].token },
        );
        expect(page.status).toBe(200);
        expect(page.body.messages).toHaveLength(Math.min(copied.count, 200));
      } finally {
        await restored.close();
        await restoredDb.drop();
      }
    },
    60_000,
  );
});
