import { ConfigError, loadEnv } from '@chatapp/config';
import { createChatServer } from './app';
import { assistantSettingsFrom, describeAssistant } from './assistant/settings';
import { exitAfterStopOnSignal } from './stop-signals';

/** The process entry: validate configuration, migrate, listen, and stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const env = loadEnv();
  const app = await createChatServer(env);
  const address = await app.listen();
  console.log(
    `ChatApp listening on http://${address.address}:${address.port} (database: ${app.database.dialect}; mail: ${app.mail}; assistant: ${describeAssistant(assistantSettingsFrom(env))})`,
  );
  if (env.NODE_ENV === 'production' && app.origins.open) {
    console.warn(
      'Warning: ALLOWED_ORIGINS is open (*): any web page may call this API and open its sockets with a user’s token; set it to your clients’ origins (docs/security.md)',
    );
  }

  exitAfterStopOnSignal(
    async (signal) => {
      console.log(`${signal} received: draining, then finishing in-flight requests`);
      // Whatever hangs, the process is gone a little after its grace period.
      setTimeout(() => process.exit(1), env.SHUTDOWN_DRAIN_MS + env.SHUTDOWN_GRACE_MS + 5_000).unref();
      app.drain();
      await new Promise((resolve) => setTimeout(resolve, env.SHUTDOWN_DRAIN_MS));
      await app.close(env.SHUTDOWN_GRACE_MS);
    },
    (error) => console.error('shutdown failed', error),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
