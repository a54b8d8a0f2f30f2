import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * SQLite's own WAL checkpoint (every 1,000 pages) runs inside the commit that crosses the line, on the thread that
 * committed: ours is the event loop, and a checkpoint ends with fsync of the WAL and of the database file. On a busy
 * virtual disk those took 30 ms to 1.3 s (perf trace during the send bench), every socket of the process waiting
 * behind them: they were the send path's p99. So the connection never checkpoints itself; a worker thread with its
 * own connection runs PASSIVE checkpoints, which copy committed pages into the file without blocking the writer,
 * as SQLite's documentation suggests for applications that cannot stall on a commit.
 */

/** Between checkpoints when the last one copied everything. */
const CHECKPOINT_INTERVAL_MS = 200;
/**
 * After one that could not copy everything (commits arrived while it synced): at once, so the WAL soon has been
 * copied whole at some instant, which is when the next commit starts it again from the beginning. The frames left
 * are those of one fsync, so each retry is shorter than the last.
 */
const CHECKPOINT_RETRY_MS = 5;
/** Frames the connection itself checkpoints after, SQLite's default, if the worker is gone. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
/** A WAL that a burst grew is cut back to this when it restarts, so it does not keep the burst's disk space. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 ** 2;

export interface BackgroundCheckpoints {
  /** Stops the worker and closes its connection; the main connection checkpoints the rest when it closes. */
  stop(): Promise<void>;
  /** The worker thread, for tests that need it to die. */
  readonly worker: Worker;
}

// Plain CommonJS: run as `eval` so that it needs no loader for TypeScript (tsx, Vitest) in the new thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, { fileMustExist: true });
let timer;
function checkpoint() {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  const complete = result.busy === 0 && result.checkpointed === result.log;
  timer = setTimeout(checkpoint, complete ? workerData.intervalMs : workerData.retryMs);
}
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
checkpoint();
`;

/** Takes checkpoints off `sqlite`'s thread for as long as the worker runs; if it dies, SQLite's own come back. */
export function startBackgroundCheckpoints(sqlite: SQLite.Database, file: string): BackgroundCheckpoints {
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driverPath: createRequire(import.meta.url).resolve('better-sqlite3'),
      intervalMs: CHECKPOINT_INTERVAL_MS,
      retryMs: CHECKPOINT_RETRY_MS,
    },
  });
  // The process may exit with the worker still running (it is stopped on close, not awaited at exit).
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (!stopping && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
      resolve();
    });
  });
  worker.on('error', (error) => {
    console.warn('sqlite checkpoint worker failed; checkpoints run on commit again', error.message);
  });
  return {
    worker,
    stop() {
      stopping = true;
      // Held from here so that the process waits for the worker to close its connection.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
