import type { Database, GroupCommit, Log } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { HashSlots } from './accounts/hash-slots';
import type { DummyHashes } from './accounts/passwords';
import type { AssistantRuntime } from './assistant/assistant-runtime';
import type { DeliveryAckBatch } from './conversations/delivery-ack-batch';
import type { MembershipReads } from './conversations/membership-reads';
import type { ConversationPageCache } from './conversations/page-cache';
import type { DirectMembers } from './events/audience';
import type { HubEvent } from './events/types';
import type { RateLimits } from './limits/rate-limits';
import type { MailSignal } from './mail/signal';
import type { MailSettings } from './mail/types';
import type { PathLocks } from './media/locks';
import type { MediaDeps } from './media/types';
import type { RealtimeHub } from './realtime/hub';
import type { PresenceTracker } from './realtime/presence';
import type { PresenceHolds } from './realtime/presence-holds';

/** What domain services need from the outside world; the composition root builds one per process. */
export interface DomainDeps {
  db: Kysely<Database>;
  /** Epoch milliseconds; injectable so expiry can be tested without waiting. */
  now: () => number;
  settings: DomainSettings;
  /** Where media files are stored, and the limits uploads are checked against. */
  media: MediaDeps;
  /** What mail says and who may receive how much of it (mail/types.ts); the sender is a runtime worker. */
  mail: MailSettings;
  /** Every piece of state the process keeps between requests (see DomainRuntime). */
  runtime: DomainRuntime;
}

export interface DomainSettings {
  /** Sliding lifetime of a login token. */
  tokenTtlMs: number;
  /** log2 of scrypt's N for new password hashes. */
  scryptLogN: number;
  /** The legacy transports list other users' email addresses, as the legacy service did (S26; LEGACY_SHOW_EMAILS). */
  legacyShowsEmails: boolean;
}

/**
 * The process's state, all of it: what one request leaves behind for the next, what batches requests together and
 * what works in the background. Nothing of this lives in a module: there is one runtime per process (per server, in
 * tests), built by the composition root (`createRuntime`, apps/server's app.ts), started once and closed once, in
 * an order that lets each piece finish its work (`close()`, see runtime.ts).
 *
 * In the order a message meets them on the send path:
 */
export interface DomainRuntime {
  /** Membership checks of one event-loop turn, answered by one statement (conversations/membership-reads.ts). */
  readonly memberships: MembershipReads;
  /**
   * The group commit: units of work that arrive together share one transaction, and the rows they queue with
   * `atCommit` are written at its end, stage by stage (@chatapp/db's group-commit.ts and at-commit.ts).
   */
  readonly commits: GroupCommit;
  /** The two members of each one-to-one chat, read once per process: a send's recipients (events/audience.ts). */
  readonly directMembers: DirectMembers;
  /**
   * Publishes each change once and delivers it, in journal order, to every listener of its recipients on this
   * process (in-process, or through Redis between processes). Each delivery's listeners share its frames, built
   * once per broadcast (realtime/fanout.ts).
   */
  readonly hub: RealtimeHub<HubEvent>;
  /** "Delivered" acks of every socket, written together every 250 ms (conversations/delivery-ack-batch.ts). */
  readonly deliveryAcks: DeliveryAckBatch;
  /** Who is online: sockets counted per user (in-process, or shared through Redis). */
  readonly presence: PresenceTracker;
  /** The open connections counting toward presence, released at shutdown (realtime/presence-holds.ts). */
  readonly presenceHolds: PresenceHolds;
  /** Each user's first conversation page, dropped when an event reaches them (conversations/page-cache.ts). */
  readonly conversationPages: ConversationPageCache;
  /** Media file paths being written or deleted (media/locks.ts). */
  readonly mediaLocks: PathLocks;
  /** The few password hashes allowed on the thread pool at once, and the queue before them (accounts/hash-slots.ts). */
  readonly hashSlots: HashSlots;
  /** The dummy password hashes a login for an unknown user is checked against (accounts/passwords.ts). */
  readonly dummyHashes: DummyHashes;
  /**
   * The assistant: its model client (none without AI configuration) and the replies being
   * written, which run to their end whoever listens and are waited for at shutdown (assistant/assistant-runtime.ts).
   */
  readonly assistant: AssistantRuntime;
  /** Rung when a mail is committed to the outbox: this process's mail sender wakes at once (mail/signal.ts). */
  readonly mailQueued: MailSignal;
  /** The rate limits of every door: sign-in, sign-up, sends, invitations, assistant (limits/rate-limits.ts). */
  readonly rateLimits: RateLimits;
  /** The process's logger (created by the composition root): where background failures are reported. */
  readonly log: Log;

  /**
   * Adds a background worker, before `start`. This is where work that runs on its own registers: the presence
   * sweeper, the journal pruner and the mail sender (the runtime registers the assistant's replies itself).
   */
  register(worker: RuntimeWorker): void;
  /** Starts the caches' watch of the hub and every registered worker, which act through `deps`. */
  start(deps: DomainDeps): Promise<void>;
  /** Stops everything, each piece after what writes through it, and closes the database last. */
  close(): Promise<void>;
}

/** Work the runtime runs in the background between `start` and `close`. */
export interface RuntimeWorker {
  /** For logs: which worker failed to start or stop. */
  readonly name: string;
  start(deps: DomainDeps): void | Promise<void>;
  /** Finishes (or hands back) what it was doing: called before the hub, presence and the database close. */
  stop(): Promise<void>;
}

/**
 * The runtime, or null for read paths built without one: the bench EXPLAINs the product's read queries through deps
 * that hold only the database, the clock and the settings. Only reads use this; a write always has a runtime.
 */
export function runtimeOf(deps: DomainDeps): DomainRuntime | null {
  return 'runtime' in deps ? deps.runtime : null;
}
