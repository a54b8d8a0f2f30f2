import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { type Log, silentLog } from './log';

/**
 * SQLite's own WAL checkpoint (every 1,000 pages) runs inside the commit that crosses the line, on the thread that
 * committed: ours is the event loop, and a checkpoint ends with fsync of the WAL and of the database file. On a busy
 * virtual disk those took 30 ms to 1.3 s (perf trace during the send bench), every socket of the process waiting
 * behind them: they were the send path's p99. So the connection never checkpoints itself; a worker thread with its
 * own connection runs PASSIVE checkpoints, which copy committed pages into the file without blocking the writer,
 * as SQLite's documentation suggests for applications that cannot stall on a commit.
 *
 * The WAL starts again from its beginning only after a checkpoint that copied all of it, and the worker's never do
 * while commits keep coming during its fsyncs: under sustained full load the WAL grew by ~65 MB/s. So once it holds
 * more than WAL_CAP_FRAMES, the worker stops and the connection finishes its job, between two transactions: what is
 * left then is what was committed during the worker's last pass, and nothing can be committed during its own. In
 * the send bench at full load that came every second or two and took 0–22 ms (typically 2–15), where SQLite's own
 * checkpoints took 30 ms–1.3 s several times a second; below full load the worker's passes restart the WAL alone.
 */

/** Between checkpoints when the last one copied everything. */
const CHECKPOINT_INTERVAL_MS = 200;
/** After one that could not copy everything (commits arrived while it synced): soon, to keep what is left small. */
const CHECKPOINT_RETRY_MS = 5;
/** The WAL's frames (pages) after which the connection finishes a checkpoint itself: 64 MB of 4 KB pages. */
const WAL_CAP_FRAMES = 16_384;
/** After a pass that failed on the disk (full, I/O errors): the next try, when the disk may be back. */
const DISK_RETRY_MS = 1_000;
/** Frames the connection itself checkpoints after, SQLite's default, if the worker is gone. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;
/** A WAL that grew past the cap is cut back to this when it restarts, so it does not keep the burst's disk space. */
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
let waiting = false;
function checkpoint() {
  let result;
  try {
    [result] = db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // A full or failing disk: the pages stay in the WAL (commits can go on while it has room), and the next pass
    // may find the disk back. Only other errors end the worker.
    if (!/^SQLITE_(FULL|IOERR|READONLY)/.test(String(error && error.code))) throw error;
    parentPort.postMessage({ failed: String(error.message) });
    timer = setTimeout(checkpoint, workerData.diskRetryMs);
    return;
  }
  if (result.log >= workerData.capFrames) {
    // Past the cap (so not restarted lately): the connection finishes it; no pass of ours may hold the checkpoint
    // lock meanwhile.
    waiting = true;
    parentPort.postMessage('finish');
    return;
  }
  const complete = result.busy === 0 && result.checkpointed === result.log;
  timer = setTimeout(checkpoint, complete ? workerData.intervalMs : workerData.retryMs);
}
parentPort.on('message', (message) => {
  if (message === 'resume') {
    if (waiting) timer = setTimeout(checkpoint, workerData.intervalMs);
    waiting = false;
    return;
  }
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
timer = setTimeout(checkpoint, workerData.intervalMs);
`;

/** Takes checkpoints off `sqlite`'s thread for as long as the worker runs; if it dies, SQLite's own come back. */
export function startBackgroundCheckpoints(
  sqlite: SQLite.Database,
  file: string,
  options: { walCapFrames?: number; intervalMs?: number; retryMs?: number; log?: Log } = {},
): BackgroundCheckpoints {
  const log = options.log ?? silentLog;
  const walCapFrames = options.walCapFrames ?? WAL_CAP_FRAMES;
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  sqlite.pragma('wal_autocheckpoint = 0');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driverPath: createRequire(import.meta.url).resolve('better-sqlite3'),
      capFrames: walCapFrames,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      retryMs: options.retryMs ?? CHECKPOINT_RETRY_MS,
      diskRetryMs: DISK_RETRY_MS,
    },
  });
  // The process may exit with the worker still running (it is stopped on close, not awaited at exit).
  worker.unref();
  let stopping = false;
  let finishing: NodeJS.Immediate | undefined;
  const finishCheckpoint = () => {
    finishing = undefined;
    if (stopping || !sqlite.open) return;
    // Not inside a transaction of this connection (SQLite refuses), so no commit of ours can come in between.
    if (sqlite.inTransaction) {
      finishing = setImmediate(finishCheckpoint);
      return;
    }
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      log.warn({ err: error }, 'sqlite checkpoint failed');
    }
    worker.postMessage('resume');
  };
  // The worker reports only a checkpoint left unfinished past the cap, and waits for us to finish it.
  // It also says when a pass failed on the disk (full, failing), which it retries by itself.
  let diskFailureSaid = false;
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'failed' in message) {
      if (!diskFailureSaid)
        log.warn({ reason: message.failed }, 'sqlite checkpoint failed on the disk; retrying');
      diskFailureSaid = true;
      return;
    }
    diskFailureSaid = false;
    finishing ??= setImmediate(finishCheckpoint);
  });
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (!stopping && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
      resolve();
    });
  });
  worker.on('error', (error) => {
    log.warn({ err: error }, 'sqlite checkpoint worker failed; checkpoints run on commit again');
  });
  return {
    worker,
    stop() {
      stopping = true;
      clearImmediate(finishing);
      // Held from here so that the process waits for the worker to close its connection.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
