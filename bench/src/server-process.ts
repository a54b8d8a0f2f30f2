import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './paths';
import { processCpuSeconds, processRssBytes } from './proc';

export interface ServerOptions {
  databaseUrl: string;
  mediaRoot: string;
  /** Run behind Redis (fan-out and presence shared across processes). */
  redis?: { url: string; keyPrefix: string };
  /** Write a V8 CPU profile (`--cpu-prof`) into this directory when the server exits. */
  cpuProfileDir?: string;
  /**
   * Serve the Next.js UI too (its production build in apps/web/.next), with a session secret made for this run.
   * Off by default: the load scenarios measure the API alone.
   */
  web?: boolean;
  /** Settings that differ from the bench's defaults (the login scenario's production scrypt cost). */
  env?: Record<string, string>;
}

/** A ChatApp server running in its own process, measured from outside through /proc. */
export interface ServerProcess {
  pid: number;
  port: number;
  baseUrl: string;
  cpuSeconds(): number;
  rssBytes(): number;
  /** Lines the server wrote to stderr (warnings, errors), for the report. */
  readonly stderr: string[];
  stop(): Promise<void>;
}

/**
 * The Node.js flags `pnpm start` gives the server (package.json). A young generation of up to 64 MB per semi-space
 * instead of 16: under load a message's objects live for the ~100–200 ms it is queued, batched and sent, which
 * outlived two 16 MB scavenges, so they were copied twice and promoted. GC fell from ~14% to ~7% of the tRPC send
 * path's samples; idle RSS per socket rises by the young generation's growth (docs/performance.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts `apps/server/src/main.ts` exactly as `pnpm start` would, but as `node --import tsx` rather than the
 * `tsx` CLI: the CLI runs the server in a child process of its own, whose CPU and memory we would then have to
 * find; this way the pid we hold is the server. The shell only raises the open-files limit to its hard maximum
 * (10,000 idle sockets need more descriptors than the usual soft limit) and then `exec`s, keeping the pid.
 */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const nodeArgs = [...SERVER_NODE_FLAGS, '--import', 'tsx'];
  if (options.cpuProfileDir) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
  const child = spawn(
    'sh',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"',
      process.execPath,
      ...nodeArgs,
      'apps/server/src/main.ts',
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: options.databaseUrl,
        MEDIA_ROOT: join(options.mediaRoot, 'media'),
        ...(options.web
          ? {
              SERVE_WEB: 'true',
              AUTH_SECRET: randomBytes(32).toString('base64url'),
              DATA_DIR: join(options.mediaRoot, 'data'),
              NEXT_TELEMETRY_DISABLED: '1',
            }
          : { SERVE_WEB: 'false' }),
        // Signups are not what is measured: the cheapest scrypt cost the configuration allows.
        SCRYPT_LOG_N: '10',
        // The load is many clients measured, not one client abusing the service: no rate limits.
        RATE_LIMITS: 'false',
        ...(options.redis ? { REDIS_URL: options.redis.url, REDIS_KEY_PREFIX: options.redis.keyPrefix } : {}),
        ...options.env,
      },
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the server');
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (stderr.length < 200) stderr.push(line);
  });
  const port = await waitForListening(child, stderr);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return {
    pid,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    cpuSeconds: () => processCpuSeconds(pid),
    rssBytes: () => processRssBytes(pid),
    stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForListening(child: ChildProcess, stderr: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${START_TIMEOUT_MS} ms:\n${stderr.join('\n')}`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${stderr.join('\n')}`));
    });
  });
}
