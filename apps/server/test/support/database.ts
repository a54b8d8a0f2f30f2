import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * A fresh, empty database for one test file. The suite runs on SQLite by default; with DATABASE_URL set to a
 * mysql:// server (CI's MariaDB) each file gets its own database there, dropped afterwards.
 */
export interface TestDatabase {
  url: string;
  dialect: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (base && /^(mysql|mariadb):\/\//.test(base)) {
    const server = new URL(base.replace(/^mariadb:/, 'mysql:'));
    const name = `chatapp_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    server.pathname = '/';
    const admin = await createConnection({ uri: server.toString() });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    server.pathname = `/${name}`;
    return {
      url: server.toString(),
      dialect: 'mysql',
      async drop() {
        server.pathname = '/';
        const conn = await createConnection({ uri: server.toString() });
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'chatapp-test-'));
  return {
    url: `file:${join(dir, 'test.db')}`,
    dialect: 'sqlite',
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
