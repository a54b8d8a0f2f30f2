import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigError, loadEnv } from '@chatapp/config';
import { migrateToLatest, openDatabase } from '@chatapp/db';
import { createRuntime } from '@chatapp/domain';
import { domainDeps } from './domain-deps';
import { registerMailSender } from './mail/wiring';
import { createLogger } from './observability/logger';
import { connectRealtime } from './realtime/wiring';
import { exitAfterStopOnSignal } from './stop-signals';

/**
 * `pnpm worker`: the mail sender as its own process, for deployments that run it apart from the servers (which then
 * run with MAIL_SEND_IN_SERVER=false). It shares the outbox through the database; leases keep it and any other
 * sender from sending a mail twice. It serves no requests and publishes no events, so its hub stays in-process.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger(env, new AsyncLocalStorage());
  const database = openDatabase(env.DATABASE_URL, { log });
  await migrateToLatest(database.db);
  const runtime = createRuntime({
    database,
    ...(await connectRealtime({ ...env, REDIS_URL: undefined }, database.db, { log })),
    log,
  });
  const sending = registerMailSender(env, runtime);
  await runtime.start(domainDeps(env, database, runtime));
  log.info(
    { database: database.dialect },
    `ChatApp mail worker started (database: ${database.dialect}; mail: ${sending})`,
  );

  exitAfterStopOnSignal(
    async (signal) => {
      log.info({ signal }, 'stopping: finishing the mail in flight');
      await runtime.close();
    },
    (error) => log.error({ err: error }, 'shutdown failed'),
  );
}

main().catch((error: unknown) => {
  const log = createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'info' }, new AsyncLocalStorage());
  if (error instanceof ConfigError) log.fatal({}, error.message);
  else log.fatal({ err: error }, 'the worker could not start');
  process.exit(1);
});
