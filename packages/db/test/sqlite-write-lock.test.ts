import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../src';
import { useMigratedHandle } from './support/migrated-database';

// SQLite begins transactions deferred: a batch that reads before it writes would hold a read snapshot while another
// process (here, a second connection) writes, and then fail to upgrade with "database is locked". Group-commit
// batches take the write lock first instead (takeSqliteWriteLock).
describe.runIf(!/^(mysql|mariadb):/.test(process.env.DATABASE_URL ?? ''))(
  'SQLite group commit and a second writer',
  () => {
    const opened = useMigratedHandle();

    it('a batch that reads first still commits: the other writer waits for it instead', async () => {
      const { db, url, commitOptions } = opened();
      const other = new SQLite(url.slice('file:'.length), { timeout: 100 });
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started: () => void = () => {};
      const running = new Promise<void>((resolve) => {
        started = resolve;
      });
      const batch = new GroupCommit(db, commitOptions).run(async (trx) => {
        await trx.selectFrom('realtime_sequence').selectAll().execute();
        started();
        await gate;
        await trx
          .updateTable('realtime_sequence')
          .set({ last_id: 41 })
          .where('name', '=', 'messages')
          .execute();
        return 'committed';
      });
      await running;
      // The second writer comes while the batch is open: it must not get in between.
      let otherError: unknown = null;
      try {
        other.prepare("update realtime_sequence set last_id = last_id + 1 where name = 'events'").run();
      } catch (error) {
        otherError = error;
      }
      release();
      await expect(batch).resolves.toBe('committed');
      expect(String(otherError)).toContain('database is locked');
      const row = other.prepare("select last_id from realtime_sequence where name = 'messages'").get() as {
        last_id: number;
      };
      expect(row.last_id).toBe(41);
      other.close();
    });
  },
);
