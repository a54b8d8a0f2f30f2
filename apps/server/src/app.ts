import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from '@chatapp/config';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '@chatapp/db';
import { createRuntime, type DomainDeps } from '@chatapp/domain';
import type { DestinationStream, Logger } from 'pino';
import { assistantSettingsFrom } from './assistant/settings';
import { httpContextFactory } from './context';
import { createDispatcher } from './dispatch';
import { domainDeps } from './domain-deps';
import { withDraining } from './http/draining';
import { type OriginPolicy, originPolicy } from './http/origins';
import { httpServerOptions } from './http/server-options';
import { createLegacySocketServer, LEGACY_SOCKET_PATH } from './legacy-ws/server';
import { createRateLimits } from './limits/wiring';
import { registerMailSender } from './mail/wiring';
import { createLogger } from './observability/logger';
import { ServerMetrics } from './observability/metrics';
import { listenForMetrics } from './observability/metrics-endpoint';
import { observeRequests } from './observability/observe-requests';
import type { RequestScope } from './observability/request-scope';
import { createRouteLabeler } from './observability/route-label';
import { connectRealtime, registerJournalPruner, registerPresenceSweeper } from './realtime/wiring';
import { TRPC_PATH } from './trpc/http';
import { createTrpcSocketServer } from './trpc/ws';
import { createWebApp, type WebApp } from './web/web-app';
import { socketLimitsFrom } from './ws/limits';
import { createUpgradeRouter } from './ws/upgrade';

export interface ChatServer {
  server: Server;
  deps: DomainDeps;
  database: DatabaseHandle;
  /** Where this process sends mail, for the start-up line (or that a `pnpm worker` process does). */
  mail: string;
  /** Which browser origins are allowed (ALLOWED_ORIGINS), for the start-up line's warning while it is open. */
  origins: OriginPolicy;
  /** The process's logger (LOG_LEVEL; JSON lines), handed to everything that logs. */
  log: Logger;
  /** This server's Prometheus registry and its metrics (docs/deploy.md). */
  metrics: ServerMetrics;
  /** METRICS_PORT's listener once `listen` has opened it (null without METRICS_PORT). */
  metricsAddress(): AddressInfo | null;
  /** Resolves with the bound address (port 0 picks a free port). */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** `/readyz` answers 503 from now on (the process is about to stop); everything else is served as before. */
  drain(): void;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes the runtime and the database. */
  close(graceMs?: number): Promise<void>;
}

export interface ChatServerOptions {
  /** Mount the Next.js UI (default: env.SERVE_WEB). Tests of the API leave it off. */
  web?: boolean;
  /** Where log lines go (default stdout); tests read them. */
  logDestination?: DestinationStream;
}

/**
 * Composes the process: the database (migrated), its runtime (every piece of process state, see DomainRuntime),
 * the domain dependencies, every HTTP and WebSocket transport.
 */
export async function createChatServer(env: Env, options: ChatServerOptions = {}): Promise<ChatServer> {
  // Process state of this server (never module-level): the request scope its log lines read, its metrics.
  const requestScope = new AsyncLocalStorage<RequestScope>();
  const log = createLogger(env, requestScope, options.logDestination);
  const metrics = new ServerMetrics(log);
  const database = openDatabase(env.DATABASE_URL, { log });
  await migrateToLatest(database.db);
  const runtime = createRuntime({
    database,
    ...(await connectRealtime(env, database.db, {
      log,
      onDeliveryLag: (seconds) => metrics.hubLagSeconds.observe(seconds),
    })),
    assistant: assistantSettingsFrom(env),
    rateLimits: await createRateLimits(env, log),
    hashConcurrency: env.PASSWORD_HASH_CONCURRENCY,
    log,
  });
  registerPresenceSweeper(env, runtime);
  registerJournalPruner(env, runtime);
  const mailSending = env.MAIL_SEND_IN_SERVER
    ? registerMailSender(env, runtime)
    : 'sent by a separate `pnpm worker` (MAIL_SEND_IN_SERVER=false)';
  const deps = domainDeps(env, database, runtime);
  await runtime.start(deps);

  const web: WebApp | null =
    (options.web ?? env.SERVE_WEB)
      ? await createWebApp({
          dev: env.NODE_ENV === 'development',
          auth: env,
          trustProxy: env.TRUST_PROXY,
          warn: (message) => log.warn({}, message),
        })
      : null;
  const origins = originPolicy(env.ALLOWED_ORIGINS, env.PUBLIC_URL);
  const addresses = { trustProxy: env.TRUST_PROXY, webKey: web?.key ?? null };
  const draining = withDraining(
    createDispatcher({
      origins,
      deps,
      createContext: httpContextFactory(deps, env.PUBLIC_URL, addresses),
      maxBodyBytes: env.MAX_BODY_BYTES,
      web,
      metrics,
      metricsToken: env.METRICS_TOKEN,
    }),
  );
  const server = createServer(
    httpServerOptions(env),
    observeRequests(draining.listener, { log, metrics, scope: requestScope, routeOf: createRouteLabeler() }),
  );
  const limits = socketLimitsFrom(env);
  const legacySockets = createLegacySocketServer(deps, limits);
  const trpcSockets = createTrpcSocketServer(deps, limits, env.PUBLIC_URL, addresses);
  metrics.watch({
    database,
    runtime,
    openSockets: () => ({ legacy: legacySockets.openSockets(), trpc: trpcSockets.openSockets() }),
  });
  let metricsServer: { server: Server; address: AddressInfo } | null = null;
  server.on(
    'upgrade',
    createUpgradeRouter(
      { [LEGACY_SOCKET_PATH]: legacySockets.handleUpgrade, [TRPC_PATH]: trpcSockets.handleUpgrade },
      (req, socket, head) => web?.handleUpgrade(req, socket, head) ?? false,
      origins,
    ),
  );

  return {
    server,
    deps,
    database,
    mail: mailSending,
    origins,
    log,
    metrics,
    metricsAddress: () => metricsServer?.address ?? null,
    async listen(port = env.PORT, host = env.HOST) {
      const address = await new Promise<AddressInfo>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
      if (env.METRICS_PORT !== undefined)
        metricsServer = await listenForMetrics(metrics, env.METRICS_PORT, env.METRICS_HOST);
      return address;
    },
    drain: draining.drain,
    async close(graceMs = 10_000) {
      draining.drain();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([legacySockets.close(), trpcSockets.close()]);
      server.closeIdleConnections();
      // A keep-alive connection whose last request ends during the grace period is idle from then on: it is closed
      // then, not held open (and the stop with it) until the grace period runs out.
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearInterval(idle);
      clearTimeout(timer);
      await web?.close();
      // Nothing reaches the domain any more: its runtime stops, in its own order, and closes the database.
      await runtime.close();
      // Scrapes end last: the process stays observable while it drains.
      if (metricsServer) {
        const { server: scrapes } = metricsServer;
        scrapes.closeAllConnections();
        await new Promise<void>((resolve) => scrapes.close(() => resolve()));
      }
      metrics.close();
    },
  };
}
