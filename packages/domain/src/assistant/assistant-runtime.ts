import { ASSISTANT_EMAIL_KEY, type Database, type Log, silentLog } from '@chatapp/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../errors';
import type { MessageView } from '../model/message';
import { ModelClient } from './model-client';
import { ReplyJob, type ReplySource } from './reply-job';
import type { AssistantSettings } from './settings';

/**
 * The assistant's process state, one per runtime: the model's client (none when the process was started without AI
 * configuration: C42), the replies being written and the assistant account's id. As a
 * runtime worker (RuntimeWorker's shape: deps.ts imports this file, so it is not named here) it is stopped before the
 * hub and the database close, and waits for the replies in flight to be finished and stored (each is bounded by
 * the timeout).
 */
export class AssistantRuntime {
  readonly name = 'assistant replies';
  readonly model: ModelClient | null;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The chats with a reply being written in this process (a retry must not start a second one). */
  private readonly replying = new Map<number, number>();
  private accountId: Promise<number> | null = null;

  constructor(
    readonly settings: AssistantSettings | null,
    private readonly log: Log = silentLog,
  ) {
    this.model = settings ? new ModelClient(settings) : null;
  }

  start(): void {}

  async stop(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** The configured model, or the 503 every assistant call answers without one. */
  requireModel(): { model: ModelClient; settings: AssistantSettings } {
    if (!this.model || !this.settings) throw new DomainError('unavailable', 'assistant not configured');
    return { model: this.model, settings: this.settings };
  }

  /** Starts a reply in a chat that runs to its end whoever listens, and is waited for at shutdown. */
  startReply(
    conversationId: number,
    source: ReplySource,
    store: (text: string) => Promise<MessageView>,
  ): ReplyJob {
    const { settings } = this.requireModel();
    const job = new ReplyJob(source, store, settings.timeoutMs, this.log);
    const settled = job.done.catch(() => undefined);
    this.inFlight.add(settled);
    this.replying.set(conversationId, (this.replying.get(conversationId) ?? 0) + 1);
    void settled.then(() => {
      this.inFlight.delete(settled);
      const left = (this.replying.get(conversationId) ?? 1) - 1;
      if (left > 0) this.replying.set(conversationId, left);
      else this.replying.delete(conversationId);
    });
    return job;
  }

  /** Whether a reply is being written in this chat by this process. */
  isReplying(conversationId: number): boolean {
    return this.replying.has(conversationId);
  }

  /** The id of the assistant's account (created by migration 0010), read once per process. */
  assistantAccountId(db: Kysely<Database>): Promise<number> {
    this.accountId ??= readAccountId(db);
    // A failed read (the database was briefly away) is tried again by the next caller.
    this.accountId.catch(() => {
      this.accountId = null;
    });
    return this.accountId;
  }
}

async function readAccountId(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email_key', '=', ASSISTANT_EMAIL_KEY)
    .where('is_bot', '=', 1)
    .executeTakeFirst();
  if (!row) throw new Error("The assistant's account is missing (migration 0010 creates it)");
  return row.id;
}
