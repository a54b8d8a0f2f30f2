import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_RATE_LIMITS } from './rate-limits';
import { SPAWNED_REDIS_ENV } from './redis';

const SERVER_ENTRY = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServerProcess {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** What the process wrote so far, stdout and stderr. */
  output(): string;
  /** SIGKILL: a crash, with no graceful shutdown. */
  crash(): Promise<void>;
  /** SIGTERM: a graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs the real server entry (`apps/server/src/main.ts`) as a separate OS process, for tests of what only
 * separate processes show: fan-out through Redis, presence after a process dies, resume after a crash.
 */
export async function spawnServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  // The process's own files (mail written as .eml without SMTP_URL) go to a folder removed when it exits.
  const dataDir = mkdtempSync(join(tmpdir(), 'chatapp-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      SERVE_WEB: 'false',
      DATA_DIR: dataDir,
      ...TEST_RATE_LIMITS,
      ...SPAWNED_REDIS_ENV,
      ...env,
      // The start-up line (`listening on …`, at info) is how this finds the port, whatever the caller's level.
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited with ${code}:\n${output}`));
    });
  });
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
