import { type DatabaseHandle, GroupCommit, type Log, silentLog } from '@chatapp/db';
import { HashSlots } from './accounts/hash-slots';
import { DummyHashes } from './accounts/passwords';
import { AssistantRuntime } from './assistant/assistant-runtime';
import type { AssistantSettings } from './assistant/settings';
import { DeliveryAckBatch } from './conversations/delivery-ack-batch';
import { MembershipReads } from './conversations/membership-reads';
import { ConversationPageCache } from './conversations/page-cache';
import { recordReceipts } from './conversations/receipts';
import type { DomainDeps, DomainRuntime, RuntimeWorker } from './deps';
import { DirectMembers } from './events/audience';
import type { HubEvent } from './events/types';
import { RateLimits } from './limits/rate-limits';
import { NO_RATE_LIMITS } from './limits/rules';
import { MailSignal } from './mail/signal';
import { PathLocks } from './media/locks';
import type { RealtimeHub } from './realtime/hub';
import type { PresenceTracker } from './realtime/presence';
import { PresenceHolds } from './realtime/presence-holds';

/** What the runtime is built on: the composition root opens these (it knows the configuration). */
export interface RuntimeParts {
  /** The migrated database: the group commit runs with its dialect's options, and it is closed last. */
  database: DatabaseHandle;
  /** In-process, or through Redis when several processes serve together. */
  hub: RealtimeHub<HubEvent>;
  presence: PresenceTracker;
  /** The assistant's model and limits; null or absent when the process has no AI configuration (it answers 503). */
  assistant?: AssistantSettings | null;
  /** The limits of every door, their buckets in memory or in Redis; absent = none (a runtime built for a tool). */
  rateLimits?: RateLimits;
  /** Password hashes that may run at once (accounts/hash-slots.ts); default 2 of libuv's 4 threads. */
  hashConcurrency?: number;
  /** The process's logger; absent = silent (a runtime built for a tool or a unit test). */
  log?: Log;
}

/** The process's one runtime (see DomainRuntime): every piece of state, built here and nowhere else. */
export function createRuntime(parts: RuntimeParts): DomainRuntime {
  return new ProcessRuntime(parts);
}

class ProcessRuntime implements DomainRuntime {
  readonly memberships: MembershipReads;
  readonly commits: GroupCommit;
  readonly directMembers: DirectMembers;
  readonly hub: RealtimeHub<HubEvent>;
  readonly deliveryAcks: DeliveryAckBatch;
  readonly presence: PresenceTracker;
  readonly conversationPages = new ConversationPageCache();
  readonly mediaLocks = new PathLocks();
  readonly hashSlots: HashSlots;
  readonly dummyHashes: DummyHashes;
  readonly assistant: AssistantRuntime;
  readonly mailQueued = new MailSignal();
  readonly rateLimits: RateLimits;
  readonly log: Log;
  readonly presenceHolds: PresenceHolds;

  private readonly workers: RuntimeWorker[] = [];
  /** Set by `start`: what the workers and the ack batch act through. */
  private deps: DomainDeps | null = null;
  private stopWatching: (() => void) | null = null;
  private closed: Promise<void> | undefined;

  constructor(private readonly parts: RuntimeParts) {
    const { db, commitOptions } = parts.database;
    this.log = parts.log ?? silentLog;
    this.presenceHolds = new PresenceHolds(this.log);
    this.memberships = new MembershipReads(db);
    this.commits = new GroupCommit(db, commitOptions);
    this.directMembers = new DirectMembers(db);
    this.hub = parts.hub;
    this.presence = parts.presence;
    this.rateLimits = parts.rateLimits ?? new RateLimits(NO_RATE_LIMITS);
    this.hashSlots = new HashSlots(parts.hashConcurrency ?? 2);
    this.dummyHashes = new DummyHashes(this.hashSlots);
    // A worker like any other: replies still being written are finished and stored before the database closes.
    this.assistant = new AssistantRuntime(parts.assistant ?? null, this.log);
    this.workers.push(this.assistant);
    // Acks are receipts like any other: written through the group commit with the deps the runtime started with.
    this.deliveryAcks = new DeliveryAckBatch(
      (receipts) => recordReceipts(this.started(), receipts),
      this.log,
    );
  }

  register(worker: RuntimeWorker): void {
    if (this.deps) throw new Error(`The runtime has started: register ${worker.name} before it starts`);
    this.workers.push(worker);
  }

  async start(deps: DomainDeps): Promise<void> {
    if (this.deps) throw new Error('The runtime has already started');
    this.deps = deps;
    this.stopWatching = this.conversationPages.watch(this.hub);
    for (const worker of this.workers) await worker.start(deps);
  }

  /** Once, whoever calls it: every caller waits for the same shutdown. */
  close(): Promise<void> {
    this.closed ??= this.closeInOrder();
    return this.closed;
  }

  /**
   * Each piece stops after everything that writes through it. The transports have closed their sockets and
   * finished their requests before this runs.
   */
  private async closeInOrder(): Promise<void> {
    // Background work first, the last registered first: it may still publish or write.
    for (const worker of [...this.workers].reverse()) {
      await worker
        .stop()
        .catch((error: unknown) =>
          this.log.error({ err: error, worker: worker.name }, 'a worker did not stop'),
        );
    }
    // Connections still counted go offline: their last seen times are written and their contacts told.
    await this.presenceHolds.releaseAll();
    // Acks still in their window are written (through the group commit, so before the database closes).
    await this.deliveryAcks.flush();
    this.stopWatching?.();
    await this.presence.close();
    await this.rateLimits.close();
    await this.hub.close();
    await this.parts.database.close();
  }

  private started(): DomainDeps {
    if (!this.deps) throw new Error('The runtime has not started');
    return this.deps;
  }
}
