import { ONE_PROCESS, type Topology } from './cluster';
import type { Dialect } from './database';
import type { MeasurePlan } from './measure';
import type { HistoryShape } from './seed-history';

/** Sizes of one bench run. `full` is what the issue asks for; `quick` is a small smoke run for development. */
export interface Profile {
  name: 'full' | 'quick';
  plan: MeasurePlan;
  send: { pairs: number; transports: Array<'legacy' | 'trpc'> };
  /**
   * The sender keeps about this many deliveries in flight (so 40 messages to a group of 100, 4 to a group of 1,000):
   * enough to keep the server busy, few enough that latency is not just the sender's own queue.
   */
  fanout: { groupSizes: number[]; deliveriesInFlight: number };
  idle: { sockets: number; holdMs: number };
  http: { shape: HistoryShape; concurrency: number };
  scaleout: { topologies: Topology[]; groupSize: number };
}

const TWO_BEHIND_REDIS: Topology = { processes: 2, redis: true };

export const FULL: Profile = {
  name: 'full',
  plan: { warmupMs: 2_000, windows: 5, windowMs: 4_000 },
  // 500 senders: at the legacy socket's 20 frames/s per socket that allows ~9,500 messages/s, above the aims.
  send: { pairs: 250, transports: ['legacy', 'trpc'] },
  fanout: { groupSizes: [100, 1_000], deliveriesInFlight: 4_000 },
  idle: { sockets: 10_000, holdMs: 10_000 },
  http: {
    shape: { users: 1_000, conversations: 10_000, messages: 1_000_000, groupShare: 0.1, groupSize: 6 },
    concurrency: 32,
  },
  scaleout: { topologies: [ONE_PROCESS, { processes: 1, redis: true }, TWO_BEHIND_REDIS], groupSize: 1_000 },
};

export const QUICK: Profile = {
  name: 'quick',
  plan: { warmupMs: 500, windows: 3, windowMs: 1_000 },
  send: { pairs: 50, transports: ['legacy', 'trpc'] },
  fanout: { groupSizes: [100, 1_000], deliveriesInFlight: 4_000 },
  idle: { sockets: 1_000, holdMs: 1_000 },
  http: {
    shape: { users: 200, conversations: 1_000, messages: 20_000, groupShare: 0.1, groupSize: 6 },
    concurrency: 16,
  },
  scaleout: { topologies: [ONE_PROCESS, TWO_BEHIND_REDIS], groupSize: 300 },
};

/** What the issue asks the figures to reach on a 2-core machine; printed beside them, never asserted. */
export const AIMS = {
  sendRate: { sqlite: 5_000, mariadb: 3_000 } satisfies Record<Dialect, number>,
  sendP99Ms: 50,
  fanoutRate: 50_000,
  fanoutP99Ms: 200,
  idleKbPerSocket: 20,
  conversationListRate: 2_000,
};
