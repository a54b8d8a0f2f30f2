import { type Database, migrateToLatest, openDatabase } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { type Cluster, startCluster, type Topology } from './cluster';
import type { ScenarioContext } from './context';
import { type BenchDatabase, createBenchDatabase, type Dialect } from './database';

/** A fresh database, seeded, with servers running on it; everything is torn down when `body` ends. */
export interface Stack<S> {
  database: BenchDatabase;
  /** The generator's own connection (seeding, late fixtures such as a group, checks). */
  db: Kysely<Database>;
  cluster: Cluster;
  seeded: S;
}

export async function withStack<S, R>(
  ctx: ScenarioContext,
  dialect: Dialect,
  topology: Topology,
  seed: (db: Kysely<Database>) => Promise<S>,
  body: (stack: Stack<S>) => Promise<R>,
): Promise<R> {
  const database = await createBenchDatabase(dialect);
  const handle = openDatabase(database.url);
  let cluster: Cluster | undefined;
  try {
    // The schema comes from the product's own migrations, so the bench measures the real indexes.
    await migrateToLatest(handle.db);
    const started = performance.now();
    const seeded = await seed(handle.db);
    const seedSeconds = (performance.now() - started) / 1000;
    if (seedSeconds > 2) ctx.log(`    seeded in ${seedSeconds.toFixed(1)} s`);
    cluster = await startCluster(database, topology, {
      redisUrl: ctx.redisUrl,
      cpuProfileDir: ctx.cpuProfileDir,
    });
    if (ctx.cpuProfileDir)
      ctx.log(`    server pids (profile file names): ${cluster.servers.map((s) => s.pid).join(', ')}`);
    return await body({ database, db: handle.db, cluster, seeded });
  } finally {
    await cluster?.stop();
    const complaints = cluster?.servers.flatMap((s) => s.stderr) ?? [];
    if (complaints.length) {
      ctx.log(`    server stderr (${complaints.length} lines, first 5):`);
      for (const line of complaints.slice(0, 5)) ctx.log(`      ${line}`);
    }
    await handle.close();
    await database.drop();
  }
}
