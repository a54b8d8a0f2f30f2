import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { MailMessage } from './types';

/** What caused a mail (the admin view groups by it). */
export type MailKind = 'invitation' | 'welcome';

/**
 * Queues a mail in `trx`, the transaction of the change that causes it: it commits with that change or not at all,
 * so a crash after the commit cannot lose it and a rolled-back change never sends it. After the commit, ring
 * `deps.runtime.mailQueued` so this process's sender picks it up at once.
 */
export async function queueMail(
  trx: Kysely<Database>,
  kind: MailKind,
  mail: MailMessage,
  now: number,
): Promise<void> {
  await trx
    .insertInto('email_outbox')
    .values({
      kind,
      to_address: mail.to,
      to_key: mail.to.toLowerCase(),
      subject: mail.subject,
      body_text: mail.text,
      body_html: mail.html,
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      locked_until: null,
      lease_token: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
}

/** How many mails `address` was sent (or has queued) since `since`: the per-recipient rate limit counts these. */
export async function mailsToAddressSince(
  db: Kysely<Database>,
  address: string,
  since: number,
): Promise<number> {
  const row = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('to_key', '=', address.toLowerCase())
    .where('created_at', '>', since)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
