import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Private Redis and MariaDB servers for fault tests, which stop and restart them: the suite's shared servers
 * (127.0.0.1:6379 and :3306) serve other test files at the same time and must never be touched. Each service keeps
 * its port across restarts (a restart is the fault, not a move), and every process started here is killed when
 * the test process exits, even after a failure that skipped the suite's teardown.
 */
export interface PrivateService {
  port: number;
  url: string;
  /** Stops the server: SIGTERM (a clean restart) or SIGKILL (a crash). */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port (and, for MariaDB, on the same data). */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  dispose(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A free loopback port (the OS picks it; it is released before the service binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Resolves once something accepts connections on the port. */
export async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a command to its end; rejects with its output when it fails. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${output}`)),
    );
  });
}

/** A long-running server process, restartable with the same arguments. */
function restartable(command: string, args: string[], port: number) {
  let child: ChildProcess | undefined;
  let output = '';
  return {
    output: () => output,
    async start() {
      if (child) throw new Error(`${command} is already running`);
      const started = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      running.add(started);
      started.once('exit', () => running.delete(started));
      child = started;
      await Promise.race([
        waitForPort(port),
        new Promise((_, reject) =>
          started.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`))),
        ),
      ]);
    },
    async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
      const stopping = child;
      child = undefined;
      if (!stopping || stopping.exitCode !== null || stopping.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
      stopping.kill(signal);
      await exited;
    },
  };
}

/** A Redis of the calling test alone, without persistence (a restart empties it, as a crash would). */
export async function startPrivateRedis(): Promise<PrivateService> {
  const port = await freePort();
  const server = restartable(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    port,
  );
  await server.start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: (signal) => server.stop(signal),
    start: () => server.start(),
    dispose: () => server.stop('SIGKILL'),
  };
}

/**
 * A MariaDB of the calling test alone, on a fresh data directory: `mariadb-install-db` with a small log and buffer
 * pool takes ~1.5 s here, the server starts in well under a second. Root without a password on loopback.
 */
export async function startPrivateMariaDb(): Promise<PrivateService> {
  const dir = mkdtempSync(join(tmpdir(), 'chatapp-mariadb-'));
  const data = join(dir, 'data');
  const small = ['--innodb-log-file-size=4M', '--innodb-buffer-pool-size=16M', '--skip-name-resolve'];
  try {
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${data}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--user=root',
      ...small,
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const server = restartable(
    '/usr/sbin/mariadbd',
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mariadb.sock')}`,
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      '--user=root',
      '--skip-networking=0',
      '--skip-log-bin',
      ...small,
    ],
    port,
  );
  try {
    await server.start();
  } catch (error) {
    await server.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: `mysql://root@127.0.0.1:${port}/`,
    stop: (signal) => server.stop(signal),
    start: () => server.start(),
    async dispose() {
      await server.stop('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
