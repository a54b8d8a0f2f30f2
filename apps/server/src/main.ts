import { AsyncLocalStorage } from 'node:async_hooks';
import { ConfigError, loadEnv } from '@chatapp/config';
import { createChatServer } from './app';
import { assistantSettingsFrom, describeAssistant } from './assistant/settings';
import { createLogger } from './observability/logger';
import { exitAfterStopOnSignal } from './stop-signals';

/** The process entry: validate configuration, migrate, listen, and stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const env = loadEnv();
  const app = await createChatServer(env);
  const { log } = app;
  const address = await app.listen();
  const metricsAddress = app.metricsAddress();
  // One readable line (tools and tests look for `listening on`), with the same facts as fields.
  log.info(
    {
      database: app.database.dialect,
      ...(metricsAddress
        ? { metrics: `http://${metricsAddress.address}:${metricsAddress.port}/metrics` }
        : {}),
    },
    `ChatApp listening on http://${address.address}:${address.port} (database: ${app.database.dialect}; mail: ${app.mail}; assistant: ${describeAssistant(assistantSettingsFrom(env))})`,
  );
  if (env.NODE_ENV === 'production' && app.origins.open) {
    log.warn(
      {},
      'ALLOWED_ORIGINS is open (*): any web page may call this API and open its sockets with a user’s token; set it to your clients’ origins (docs/security.md)',
    );
  }

  exitAfterStopOnSignal(
    async (signal) => {
      log.info({ signal }, 'stopping: draining, then finishing in-flight requests');
      // Whatever hangs, the process is gone a little after its grace period.
      setTimeout(() => process.exit(1), env.SHUTDOWN_DRAIN_MS + env.SHUTDOWN_GRACE_MS + 5_000).unref();
      app.drain();
      await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_DRAIN_MS));
      await app.close(env.SHUTDOWN_GRACE_MS);
    },
    (error) => log.error({ err: error }, 'shutdown failed'),
  );
}

main().catch((error: unknown) => {
  // Before (or without) a configured logger: one JSON line at the default level.
  const log = createLogger({ NODE_ENV: 'production', LOG_LEVEL: 'info' }, new AsyncLocalStorage());
  if (error instanceof ConfigError) log.fatal({}, error.message);
  else log.fatal({ err: error }, 'the server could not start');
  process.exit(1);
});
