import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/connect';
import { startBackgroundCheckpoints } from '../src/sqlite-checkpoints';

// The connection's own checkpoints run inside a commit, fsyncs included, on the event loop; a worker thread takes
// them instead (sqlite-checkpoints.ts). SQLite-only by nature: it runs whatever DATABASE_URL says.
describe('SQLite checkpoints in a worker thread', () => {
  let dir: string;
  let handle: DatabaseHandle | undefined;
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'chatapp-checkpoints-'));
    handle = openDatabase(`file:${join(dir, 'chat.sqlite')}`);
    return handle;
  };
  const file = () => join(dir, 'chat.sqlite');
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Ten rows of 3.2 KB per commit: 250 commits write ~2,000 pages, over SQLite's own 1,000-page threshold. */
  async function writeRows(db: DatabaseHandle['db'], commits: number) {
    for (let i = 0; i < commits; i++) {
      await sql`insert into scratch (v) select hex(randomblob(1600)) from
        (select 1 union all select 2 union all select 3 union all select 4 union all select 5
         union all select 6 union all select 7 union all select 8 union all select 9 union all select 10)`.execute(
        db,
      );
    }
  }
  const autocheckpoint = async (db: DatabaseHandle['db']) =>
    (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]
      ?.wal_autocheckpoint;

  it('commits never checkpoint; the worker copies the WAL into the file, which then starts again', async () => {
    const { db } = open();
    await sql`create table scratch (id integer primary key, v text)`.execute(db);
    expect(await autocheckpoint(db)).toBe(0);
    await writeRows(db, 250);
    // ~2,000 pages of 4 KB reach the database file although no commit checkpointed.
    await vi.waitFor(() => expect(statSync(file()).size).toBeGreaterThan(1_500 * 4096), { timeout: 10_000 });
    const walAfterFirst = statSync(`${file()}-wal`).size;
    // Once copied whole, the WAL is written from its start again rather than growing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await writeRows(db, 50);
    expect(statSync(`${file()}-wal`).size).toBeLessThanOrEqual(walAfterFirst);
    const count = await sql<{ n: number }>`select count(*) as n from scratch`.execute(db);
    expect(count.rows[0]?.n).toBe(3_000);
  });

  it('if the worker dies, commits checkpoint by themselves again', async () => {
    const opened = open();
    const worker = opened.checkpoints?.worker;
    expect(worker).toBeDefined();
    await worker?.terminate();
    await vi.waitFor(async () => expect(await autocheckpoint(opened.db)).toBe(1000));
  });

  it('close stops the worker with its connection: the last one out removes the WAL', async () => {
    const opened = open();
    await sql`create table scratch (id integer primary key, v text)`.execute(opened.db);
    await writeRows(opened.db, 20);
    expect(existsSync(`${file()}-wal`)).toBe(true);
    await opened.close();
    handle = undefined;
    expect(existsSync(`${file()}-wal`)).toBe(false);
  });
  it('past the cap, the connection finishes an unfinished checkpoint itself, between its transactions', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chatapp-checkpoints-'));
    const sqlite = new SQLite(file());
    sqlite.pragma('journal_mode = WAL');
    // A worker whose first checkpoint is a minute away: whatever is copied here, the connection copied.
    const checkpoints = startBackgroundCheckpoints(sqlite, file(), { walCapFrames: 100, intervalMs: 60_000 });
    try {
      sqlite.exec('create table scratch (id integer primary key, v text)');
      const insert = sqlite.prepare('insert into scratch (v) values (hex(randomblob(1600)))');
      for (let i = 0; i < 500; i++) insert.run();
      const copied = () => statSync(file()).size;
      const before = copied();
      // A report under the cap, or a finished checkpoint, is not the worker's to send; only this one is:
      checkpoints.worker.emit('message', { busy: 0, log: 1_000, checkpointed: 10 });
      // Inside a transaction the connection waits for it to end.
      sqlite.exec('begin');
      insert.run();
      await new Promise((resolve) => setImmediate(resolve));
      expect(copied()).toBe(before);
      sqlite.exec('commit');
      await vi.waitFor(() => expect(copied()).toBeGreaterThan(before + 300 * 4096));
      // Copied whole, the WAL restarts: more writes reuse its start instead of growing it.
      const wal = statSync(`${file()}-wal`).size;
      for (let i = 0; i < 100; i++) insert.run();
      expect(statSync(`${file()}-wal`).size).toBe(wal);
    } finally {
      await checkpoints.stop();
      sqlite.close();
    }
  });
});
