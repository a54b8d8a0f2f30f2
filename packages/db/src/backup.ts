import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import SQLite from 'better-sqlite3';

/**
 * A consistent copy of a live SQLite file, taken with SQLite's online backup API (better-sqlite3's `.backup()`)
 * from a connection of its own: the server keeps reading and writing meanwhile (WAL). Pages are copied in a few
 * large steps, so a write landing between two steps (which restarts the copy) cannot starve it. The copy is
 * written beside the target and renamed into place once it passed `PRAGMA integrity_check`, so a failed backup
 * never leaves a half-written file under the target's name.
 */
export async function backupSqlite(databaseFile: string, target: string): Promise<{ pages: number }> {
  const partial = `${resolve(target)}.partial`;
  rmSync(partial, { force: true });
  const source = new SQLite(databaseFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const { totalPages } = await source.backup(partial, {
      progress: ({ remainingPages }) => Math.max(remainingPages, 100),
    });
    const copy = new SQLite(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
      // A single file, whichever journal mode the server uses: nothing of it waits in a -wal file.
      copy.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      copy.close();
    }
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    renameSync(partial, target);
    return { pages: totalPages };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

/** The `mariadb-dump` arguments for a mysql:// URL: one consistent snapshot (InnoDB) without locking writers. */
export function mysqlDumpArgs(url: string): { args: string[]; password: string | null } {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  const args = [
    '--single-transaction',
    '--routines',
    '--triggers',
    '--hex-blob',
    '--default-character-set=utf8mb4',
    `--host=${parsed.hostname}`,
    `--port=${parsed.port || '3306'}`,
    `--user=${decodeURIComponent(parsed.username || 'root')}`,
    database,
  ];
  return { args, password: parsed.password ? decodeURIComponent(parsed.password) : null };
}

/**
 * Runs `mariadb-dump` (or `mysqldump`) into `target` (through a `.partial` file, renamed when the dump succeeded).
 * The password travels in MYSQL_PWD, never on the command line where `ps` shows it.
 */
export async function dumpMysql(url: string, target: string, program = 'mariadb-dump'): Promise<void> {
  const { args, password } = mysqlDumpArgs(url);
  const partial = `${resolve(target)}.partial`;
  const out = createWriteStream(partial);
  const child = spawn(program, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...(password === null ? {} : { MYSQL_PWD: password }) },
  });
  child.stdout.pipe(out);
  try {
    // Both ends, each on its own: the dump's file may be written and closed before the program's exit is seen
    // (waiting for the file's 'close' after the exit could wait for an event already gone, under load).
    const [code] = await Promise.all([
      new Promise<number | null>((resolveExit, reject) => {
        child.once('error', reject);
        child.once('close', resolveExit);
      }),
      finished(out),
    ]);
    if (code !== 0) throw new Error(`${program} exited with ${String(code)}`);
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, target);
}

export function refuseToOverwrite(target: string): void {
  if (existsSync(target)) throw new Error(`${target} exists: choose a new file (a backup never overwrites)`);
}
