import { migrateToLatest, openDatabase } from '@chatapp/db';
import { HttpLoadClient } from '../clients/http-load';
import type { Cluster } from '../cluster';
import type { Scenario } from '../context';
import { createBenchDatabase } from '../database';
import { measureWindows, Recorder, toFigure } from '../measure';
import { type ResultRow, rowFromFigure } from '../report';
import { startServer } from '../server-process';

/** The production cost (SCRYPT_LOG_N's default): what is measured is what a sign-in really costs. */
const SCRYPT_LOG_N = '15';
const USERS = 8;
const PASSWORD = 'Bench-passw0rd!';

/**
 * Scenario 6: sign-ins at the production scrypt cost, from 8 connections at once (more than the hash slots), and
 * meanwhile a cheap request (`GET /readyz`) from one more connection: the hashes queue in front of the thread pool
 * (PASSWORD_HASH_CONCURRENCY), so the cheap request's latency shows whether other requests wait behind them.
 */
export const loginScenario: Scenario = async (ctx, dialect) => {
  const database = await createBenchDatabase(dialect);
  const handle = openDatabase(database.url);
  try {
    await migrateToLatest(handle.db);
    const server = await startServer({
      databaseUrl: database.url,
      mediaRoot: database.dir,
      env: { SCRYPT_LOG_N },
    });
    const cluster: Cluster = {
      servers: [server],
      serverFor: () => server,
      cpuSeconds: () => server.cpuSeconds(),
      rssBytes: () => server.rssBytes(),
      stop: () => server.stop(),
    };
    try {
      const client = new HttpLoadClient(server.port, USERS + 1);
      const names = Array.from({ length: USERS }, (_, i) => `bench_login_${i}`);
      for (const username of names) {
        const body = { username, email: `${username}@example.com`, password: PASSWORD };
        const status = await client.call({ method: 'POST', path: '/api/v1/auth/signup', token: '', body });
        if (status !== 200) throw new Error(`sign-up failed: HTTP ${status}`);
      }
      const logins = new Recorder();
      const health = new Recorder();
      let running = true;
      const timed = async (recorder: Recorder, call: () => Promise<number>) => {
        const started = performance.now();
        try {
          const status = await call();
          if (status === 200) recorder.record(performance.now() - started);
          else recorder.error(`HTTP ${status}`);
        } catch (error) {
          recorder.error(error instanceof Error ? error.message : String(error));
        }
      };
      const signIn = async (username: string) => {
        const body = { username, password: PASSWORD };
        while (running) {
          await timed(logins, () =>
            client.call({ method: 'POST', path: '/api/v1/auth/login', token: '', body }),
          );
        }
      };
      const probe = async () => {
        while (running) {
          await timed(health, () => client.call({ method: 'GET', path: '/readyz', token: '' }));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const workers = [...names.map(signIn), probe()];
      const windows = await measureWindows(logins, cluster, ctx.profile.plan);
      running = false;
      await Promise.all(workers);
      client.close();
      const loginFigure = toFigure(windows);
      const healthCut = health.cut();
      const rows: ResultRow[] = [
        rowFromFigure(
          {
            scenario: 'login',
            db: dialect,
            case: `POST /api/v1/auth/login, scrypt N=2^${SCRYPT_LOG_N} (${USERS} connections)`,
            unit: 'logins/s',
            ...(logins.errorTexts.length ? { note: logins.errorTexts.join(', ') } : {}),
          },
          loginFigure,
        ),
      ];
      ctx.log(
        `    logins: ${loginFigure.rate.toFixed(1)}/s, p50 ${loginFigure.p50.toFixed(0)} ms, p99 ${loginFigure.p99.toFixed(0)} ms`,
      );
      ctx.log(
        `    GET /readyz meanwhile: ${healthCut.count} requests, p99 ${healthCut.latency.p99.toFixed(1)} ms`,
      );
      rows.push({
        scenario: 'login',
        db: dialect,
        case: 'GET /readyz during the logins (1 connection)',
        value: healthCut.latency.p99,
        unit: 'ms p99',
        p50: healthCut.latency.p50,
        p99: healthCut.latency.p99,
      });
      return { rows };
    } finally {
      await cluster.stop();
    }
  } finally {
    await handle.close();
    await database.drop();
  }
};
