import type { DatabaseHandle, Log } from '@chatapp/db';
import type { DomainRuntime } from '@chatapp/domain';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The sockets a server holds open, per kind (both socket servers count theirs). */
export type OpenSockets = () => { legacy: number; trpc: number };

/** What the scrape-time gauges read: nothing is counted on the hot paths for them. */
export interface MetricSources {
  database: DatabaseHandle;
  runtime: DomainRuntime;
  openSockets: OpenSockets;
}

/**
 * One server's Prometheus metrics, in its own registry (not prom-client's global one: several servers in one test
 * process each keep their own, and a closed server's metrics go with it). Counters and histograms are fed by the
 * request wrapper and the hub; gauges are read when scraped. Names start with `chatapp_` (the process and Node.js
 * defaults, event-loop delay included, keep prom-client's names).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'method' | 'route'>;
  readonly hubLagSeconds: Histogram;

  constructor(private readonly log: Log) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'chatapp_http_requests_total',
      help: 'HTTP requests answered, by route pattern or procedure, method and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.requestSeconds = new Histogram({
      name: 'chatapp_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer finishing, by route pattern or procedure and method',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.hubLagSeconds = new Histogram({
      name: 'chatapp_hub_delivery_lag_seconds',
      help: 'Time from an event being published to its delivery to this process’s sockets (through Redis when set)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
  }

  /** The gauges read at scrape time, once the server's pieces exist. */
  watch(sources: MetricSources): void {
    const { database, runtime, openSockets } = sources;
    new Gauge({
      name: 'chatapp_open_sockets',
      help: 'WebSockets open on this process, by kind (legacy /ws/global/, tRPC /trpc)',
      labelNames: ['kind'],
      registers: [this.registry],
      collect() {
        const open = openSockets();
        this.set({ kind: 'legacy' }, open.legacy);
        this.set({ kind: 'trpc' }, open.trpc);
      },
    });
    new Gauge({
      name: 'chatapp_db_pool_connections',
      help: 'MySQL/MariaDB pool connections by state (used, free) and requests queued for one; absent on SQLite',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = database.poolStats();
        if (!pool) return;
        this.set({ state: 'used' }, pool.used);
        this.set({ state: 'free' }, pool.free);
        this.set({ state: 'queued' }, pool.queued);
      },
    });
    // SQLite has one connection and one writer: what shows it falling behind is the group commit's queue (and the
    // same on MariaDB, where batches run side by side).
    new Gauge({
      name: 'chatapp_group_commit_units',
      help: 'Group commit: units of work waiting for a batch (queued) and batches running',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const { queued, running } = runtime.commits.depth;
        this.set({ state: 'queued' }, queued);
        this.set({ state: 'running' }, running);
      },
    });
    const log = this.log;
    new Gauge({
      name: 'chatapp_mail_outbox',
      help: 'Mails in the outbox not sent: queued (waiting or being sent) and dead (given up)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        try {
          const rows = await database.db
            .selectFrom('email_outbox')
            .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
            .where('status', 'in', ['queued', 'dead'])
            .groupBy('status')
            .execute();
          this.set({ status: 'queued' }, 0);
          this.set({ status: 'dead' }, 0);
          for (const row of rows) this.set({ status: row.status }, Number(row.count));
        } catch (error) {
          // The database is away: the scrape still answers (without this gauge), /readyz tells the rest.
          this.reset();
          log.warn({ err: error }, 'metrics: outbox depth not read');
        }
      },
    });
  }

  /** The answer of a scrape: the text format and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  close(): void {
    this.registry.clear();
  }
}
