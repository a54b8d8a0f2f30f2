import { randomUUID } from 'node:crypto';
import type { Database } from '@chatapp/db';
import { type ExpressionBuilder, type Kysely, MysqlAdapter, sql } from 'kysely';
import { retryDelayMs } from './backoff';
import type { SenderPolicy } from './types';

/** A mail this sender owns until its lease runs out. */
export interface ClaimedMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Attempts including this one. */
  attempts: number;
  lease: string;
}

/** Queued and due. A claimed mail's next_attempt_at is its lease's end, so a mail whose sender died comes due again. */
function due(now: number) {
  return (eb: ExpressionBuilder<Database, 'email_outbox'>) =>
    eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]);
}

/**
 * Takes up to `limit` due mails for this sender, with a new lease: until `now + leaseMs` no other sender takes
 * them. On MariaDB/MySQL the due rows are locked with FOR UPDATE SKIP LOCKED, so concurrent senders each take
 * different rows without waiting for one another. On SQLite one UPDATE claims them: it takes the database's write
 * lock first, so claims of several processes run one after the other and never see the same row as due.
 * The claim counts as an attempt: a mail whose sender keeps dying mid-send still reaches maxAttempts.
 */
export async function claimDueMails(
  db: Kysely<Database>,
  options: { now: number; leaseMs: number; limit: number },
): Promise<ClaimedMail[]> {
  const { now, leaseMs, limit } = options;
  // Most polls find nothing: a plain indexed read answers them without a write lock or a locking transaction.
  const anyDue = await db.selectFrom('email_outbox').select('id').where(due(now)).limit(1).executeTakeFirst();
  if (!anyDue) return [];
  const lease = randomUUID();
  const claim = {
    attempts: sql<number>`attempts + 1`,
    next_attempt_at: now + leaseMs,
    locked_until: now + leaseMs,
    lease_token: lease,
  };
  await db.transaction().execute(async (trx) => {
    if (db.getExecutor().adapter instanceof MysqlAdapter) {
      const rows = await trx
        .selectFrom('email_outbox')
        .select('id')
        .where(due(now))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return;
      await trx
        .updateTable('email_outbox')
        .set(claim)
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
      return;
    }
    await trx
      .updateTable('email_outbox')
      .set(claim)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('email_outbox')
          .select('id')
          .where(due(now))
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(limit),
      )
      .execute();
  });
  const rows = await db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'body_text', 'body_html', 'attempts'])
    .where('lease_token', '=', lease)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.body_text,
    html: row.body_html,
    attempts: row.attempts,
    lease,
  }));
}

/** Marks a mail sent, if this sender still holds its lease (a sender that overran it changes nothing). */
export async function recordSent(db: Kysely<Database>, mail: ClaimedMail, now: number): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: now, locked_until: null, lease_token: null })
    .where('id', '=', mail.id)
    .where('lease_token', '=', mail.lease)
    .execute();
}

/**
 * Records a failed attempt: the mail waits for its retry (exponential backoff with jitter), or, after the policy's
 * last attempt, is dead with its last error and never tried again (C35). Returns whether it is dead.
 */
export async function recordFailure(
  db: Kysely<Database>,
  mail: ClaimedMail,
  error: string,
  policy: Pick<SenderPolicy, 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs'>,
  now: number,
): Promise<boolean> {
  const dead = mail.attempts >= policy.maxAttempts;
  await db
    .updateTable('email_outbox')
    .set({
      status: dead ? 'dead' : 'queued',
      next_attempt_at: dead ? now : now + retryDelayMs(mail.attempts, policy),
      locked_until: null,
      lease_token: null,
      last_error: error.slice(0, 1000),
    })
    .where('id', '=', mail.id)
    .where('lease_token', '=', mail.lease)
    .execute();
  return dead;
}

/**
 * Hands back claimed mails this sender will not try (it is stopping): due again at once for any sender, and the
 * claim does not count as an attempt.
 */
export async function releaseClaims(
  db: Kysely<Database>,
  mails: readonly ClaimedMail[],
  now: number,
): Promise<void> {
  const [first] = mails;
  if (!first) return;
  await db
    .updateTable('email_outbox')
    .set({
      attempts: sql<number>`attempts - 1`,
      next_attempt_at: now,
      locked_until: null,
      lease_token: null,
    })
    .where(
      'id',
      'in',
      mails.map((mail) => mail.id),
    )
    .where('lease_token', '=', first.lease)
    .execute();
}
