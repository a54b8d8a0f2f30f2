import { ConfigError, loadEnv } from '@chatapp/config';
import { migrateToLatest, openDatabase } from '@chatapp/db';
import { createRuntime } from '@chatapp/domain';
import { domainDeps } from './domain-deps';
import { registerMailSender } from './mail/wiring';
import { connectRealtime } from './realtime/wiring';
import { exitAfterStopOnSignal } from './stop-signals';

/**
 * `pnpm worker`: the mail sender as its own process, for deployments that run it apart from the servers (which then
 * run with MAIL_SEND_IN_SERVER=false). It shares the outbox through the database; leases keep it and any other
 * sender from sending a mail twice. It serves no requests and publishes no events, so its hub stays in-process.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const database = openDatabase(env.DATABASE_URL);
  await migrateToLatest(database.db);
  const runtime = createRuntime({
    database,
    ...(await connectRealtime({ ...env, REDIS_URL: undefined }, database.db)),
  });
  const sending = registerMailSender(env, runtime);
  await runtime.start(domainDeps(env, database, runtime));
  console.log(`ChatApp mail worker started (database: ${database.dialect}; mail: ${sending})`);

  exitAfterStopOnSignal(
    async (signal) => {
      console.log(`${signal} received: finishing the mail in flight`);
      await runtime.close();
    },
    (error) => console.error('shutdown failed', error),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
