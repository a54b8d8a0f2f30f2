import type { DomainDeps } from '../deps';

export type MailStatus = 'queued' | 'sent' | 'dead';

export interface OutboxMail {
  id: number;
  kind: string;
  to: string;
  subject: string;
  status: MailStatus;
  /** True while a sender holds its lease (it is being sent). */
  sending: boolean;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  /** The next attempt (queued), or null. */
  nextAttemptAt: number | null;
  sentAt: number | null;
}

export interface OutboxStatus {
  counts: Record<MailStatus, number>;
  /** The newest mails (of one status, when asked), newest first. */
  mails: OutboxMail[];
}

/**
 * The outbox as an administrator sees it: how many mails are queued, sent and dead, and the newest ones with their
 * attempts and last errors. Callers check that the viewer is an administrator (accounts/admins.ts).
 */
export async function outboxStatus(
  deps: DomainDeps,
  options: { status?: MailStatus | undefined; limit: number },
): Promise<OutboxStatus> {
  const grouped = await deps.db
    .selectFrom('email_outbox')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<MailStatus, number> = { queued: 0, sent: 0, dead: 0 };
  for (const row of grouped) {
    if (row.status === 'queued' || row.status === 'sent' || row.status === 'dead')
      counts[row.status] = Number(row.count);
  }
  let query = deps.db
    .selectFrom('email_outbox')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'next_attempt_at',
      'locked_until',
      'sent_at',
    ])
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.status) query = query.where('status', '=', options.status);
  const now = deps.now();
  const rows = await query.execute();
  return {
    counts,
    mails: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      to: row.to_address,
      subject: row.subject,
      status: row.status as MailStatus,
      sending: row.status === 'queued' && (row.locked_until ?? 0) > now,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      nextAttemptAt: row.status === 'queued' ? row.next_attempt_at : null,
      sentAt: row.sent_at,
    })),
  };
}
