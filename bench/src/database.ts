import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type Dialect = 'sqlite' | 'mariadb';

/** The MariaDB server the bench uses; override with BENCH_MARIADB_URL (no database in the path). */
const MARIADB_SERVER = process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/';

/** A fresh, empty database for one scenario: its URL (DATABASE_URL form) and how to get rid of it. */
export interface BenchDatabase {
  dialect: Dialect;
  url: string;
  /** A directory that lives as long as the database (the SQLite file, the server's MEDIA_ROOT). */
  dir: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(dialect: Dialect): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'chatapp-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return { dialect, dir, url: `file:${join(dir, 'bench.db')}`, drop: async () => removeDir() };
  }
  const server = new URL(MARIADB_SERVER);
  const name = `chatapp_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  server.pathname = '/';
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    dialect,
    dir,
    url: url.toString(),
    async drop() {
      const conn = await createConnection({ uri: server.toString() });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      removeDir();
    },
  };
}
