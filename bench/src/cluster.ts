import { randomBytes } from 'node:crypto';
import type { BenchDatabase } from './database';
import { type ServerProcess, startServer } from './server-process';

/** How the server side is deployed for a run. */
export interface Topology {
  processes: number;
  /** Fan-out and presence through Redis (required for more than one process). */
  redis: boolean;
}

export const ONE_PROCESS: Topology = { processes: 1, redis: false };

export function describeTopology(topology: Topology): string {
  const processes = topology.processes === 1 ? '1 process' : `${topology.processes} processes`;
  return topology.redis ? `${processes} + Redis` : processes;
}

/** `, 2 processes + Redis` after a case's name, unless it ran on the default single process (outside scale-out). */
export function topologySuffix(scenario: string, topology: Topology): string {
  const isDefault = topology.processes === 1 && !topology.redis;
  return isDefault && scenario !== 'scaleout' ? '' : `, ${describeTopology(topology)}`;
}

/** One or more server processes on the same database: what the load generator talks to and measures. */
export interface Cluster {
  servers: ServerProcess[];
  /** Server for the i-th client: clients are dealt round-robin, so a pair's two users land on different ones. */
  serverFor(index: number): ServerProcess;
  cpuSeconds(): number;
  rssBytes(): number;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  redisUrl: string;
  cpuProfileDir?: string | undefined;
}

export async function startCluster(
  database: BenchDatabase,
  topology: Topology,
  options: ClusterOptions,
): Promise<Cluster> {
  // A fresh key prefix per cluster: runs never see each other's presence or events in a shared Redis.
  const keyPrefix = `chatapp-bench-${randomBytes(4).toString('hex')}:`;
  const servers: ServerProcess[] = [];
  try {
    // One at a time: each runs migrations at start-up (a no-op on the seeded schema, but not concurrently safe).
    for (let i = 0; i < topology.processes; i++) {
      servers.push(
        await startServer({
          databaseUrl: database.url,
          mediaRoot: database.dir,
          ...(topology.redis ? { redis: { url: options.redisUrl, keyPrefix } } : {}),
          ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
        }),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
  return {
    servers,
    serverFor: (index) => servers[index % servers.length] as ServerProcess,
    cpuSeconds: () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0),
    rssBytes: () => servers.reduce((sum, s) => sum + s.rssBytes(), 0),
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
