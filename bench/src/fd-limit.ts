import { spawnSync } from 'node:child_process';
import { openFileLimits } from './proc';

const WANTED = 32_768;

/**
 * The idle scenario holds 10,000 sockets in this process, more than a default soft limit of 1,024 descriptors.
 * Node cannot raise its own limit, so when the soft limit is low and the hard one allows more, the bench runs
 * itself again under `ulimit -n` and exits with that run's status. Returns false when nothing had to be done.
 */
export function rerunWithMoreFilesIfNeeded(): boolean {
  const { soft, hard } = openFileLimits();
  if (soft >= WANTED || soft >= hard || process.env.CHATAPP_BENCH_RAISED_NOFILE) return false;
  const result = spawnSync(
    'sh',
    [
      '-c',
      'ulimit -n "$0" && exec "$@"',
      String(Math.min(WANTED, hard)),
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, CHATAPP_BENCH_RAISED_NOFILE: '1' } },
  );
  process.exitCode = result.status ?? 1;
  return true;
}
