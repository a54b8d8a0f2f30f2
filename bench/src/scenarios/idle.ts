import { connectLegacySocket, type LegacySocket } from '../clients/legacy-socket';
import { ONE_PROCESS } from '../cluster';
import { mapLimit, sleep } from '../concurrency';
import type { Scenario } from '../context';
import { openFileLimits } from '../proc';
import { AIMS } from '../profile';
import { seedUsers } from '../seed';
import { withStack } from '../stack';
import { median } from '../stats';

/** Samples of the server's RSS taken for each reading (their median is the reading). */
const RSS_SAMPLES = 5;

/**
 * Scenario 3: many authenticated legacy sockets held open, one per user. The figure is the server's RSS growth
 * divided by the sockets: what each idle connection costs (socket, `ws` state, per-connection objects, timers).
 */
export const idleScenario: Scenario = async (ctx, dialect) => {
  const { sockets: count, holdMs } = ctx.profile.idle;
  const { soft } = openFileLimits();
  if (soft < count + 1_000) {
    throw new Error(
      `idle: ${count} sockets need more open files than this process may have (${soft}); raise ulimit -n`,
    );
  }
  ctx.log(`  idle: ${count.toLocaleString('en-US')} legacy sockets`);
  return withStack(
    ctx,
    dialect,
    ONE_PROCESS,
    (db) => seedUsers(db, count),
    async ({ cluster, seeded: users }) => {
      const rss = async (overMs: number) => {
        const samples: number[] = [];
        for (let i = 0; i < RSS_SAMPLES; i++) {
          samples.push(cluster.rssBytes());
          await sleep(overMs / RSS_SAMPLES);
        }
        return median(samples);
      };
      await sleep(1_000);
      const before = await rss(2_000);

      const started = performance.now();
      const sockets: LegacySocket[] = await mapLimit(users, 100, (user) =>
        connectLegacySocket(cluster.serverFor(0).port, user.token, () => {}),
      );
      const connectSeconds = (performance.now() - started) / 1000;
      // Let the start-up work of each connection (presence, first frames) finish before reading memory.
      await sleep(3_000);
      const cpu0 = cluster.cpuSeconds();
      const holdStart = performance.now();
      const after = await rss(holdMs);
      const idleCores = (cluster.cpuSeconds() - cpu0) / ((performance.now() - holdStart) / 1000);
      const open = sockets.filter((s) => s.ws.readyState === s.ws.OPEN).length;
      for (const socket of sockets) socket.close();

      const perSocketKb = (after - before) / count / 1024;
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
      const note = `RSS ${mb(before)} → ${mb(after)} MB; ${Math.round(count / connectSeconds)} connects/s; ${open} still open`;
      ctx.log(
        `    ${perSocketKb.toFixed(1)} KB per socket; ${note}; idle CPU ${(idleCores * 100).toFixed(0)}%`,
      );
      return {
        rows: [
          {
            scenario: 'idle',
            db: dialect,
            case: `${count.toLocaleString('en-US')} legacy sockets held open`,
            value: perSocketKb,
            unit: 'KB RSS/socket',
            serverCores: idleCores,
            aim: `< ${AIMS.idleKbPerSocket} KB`,
            note,
          },
        ],
      };
    },
  );
};
