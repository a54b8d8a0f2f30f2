import type { RuntimeWorker } from '../deps';
import { pruneJournal } from './journal-retention';

export interface JournalRetention {
  /** How long journal rows are kept: a client may resume from anything younger. */
  retentionMs: number;
  /** How often the pruner runs. */
  everyMs: number;
}

const BATCH_SIZE = 500;
const PAUSE_BETWEEN_BATCHES_MS = 20;

/**
 * The runtime worker that keeps the realtime journal to its retention: every `everyMs` it deletes the rows older than
 * `retentionMs`, a batch at a time (journal-retention.ts). Every server process runs one; they never conflict. The
 * first run comes at a random point of the first period, so that processes started together do not prune together.
 */
export function journalPruner({ retentionMs, everyMs }: JournalRetention): RuntimeWorker {
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let running: Promise<void> | undefined;
  return {
    name: 'journal pruner',
    start(deps) {
      const run = () => {
        timer = setTimeout(run, everyMs);
        timer.unref();
        if (running) return;
        running = pruneJournal(deps.db, deps.now() - retentionMs, {
          batchSize: BATCH_SIZE,
          pauseMs: PAUSE_BETWEEN_BATCHES_MS,
          stopped: () => stopping,
        })
          .then(() => undefined)
          .catch((error: unknown) => deps.runtime.log.error({ err: error }, 'journal pruning failed'))
          .finally(() => {
            running = undefined;
          });
      };
      timer = setTimeout(run, Math.random() * everyMs);
      timer.unref();
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}
