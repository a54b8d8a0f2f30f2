import { type Kysely, sql } from 'kysely';

/**
 * Mail (issue 16). The outbox of 0001 gains what the sender and the admin view need:
 * - `body_html`: every mail has a plain-text and an HTML part;
 * - `kind` (`invitation`, `welcome`): what caused the mail, for the admin view;
 * - `to_key`: the lower-cased recipient, so mails per address can be counted (the per-recipient rate limit);
 * - `lease_token`: which claim owns the row while `locked_until` is in the future. A sender records a result only
 *   under its own lease, so a sender whose lease ran out can never overwrite the result of the one that took over.
 *
 * `password_links`: one-time links that let an invited account choose its password. Only the SHA-256 of the token
 * is stored; `used_at` makes a link work once, `expires_at` bounds it in time, and `created_by` (the inviter)
 * counts invitations per caller.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const longText = sql`mediumtext`;
  await db.schema.alterTable('email_outbox').addColumn('body_html', longText).execute();
  await db.schema
    .alterTable('email_outbox')
    .addColumn('kind', 'varchar(40)', (c) => c.notNull().defaultTo('mail'))
    .execute();
  await db.schema
    .alterTable('email_outbox')
    .addColumn('to_key', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('email_outbox').addColumn('lease_token', 'varchar(40)').execute();
  await sql`update email_outbox set to_key = lower(to_address)`.execute(db);
  await db.schema
    .createIndex('email_outbox_recipient_idx')
    .on('email_outbox')
    .columns(['to_key', 'created_at'])
    .execute();

  await db.schema
    .createTable('password_links')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('password_links_token_uq')
    .on('password_links')
    .column('token_hash')
    .unique()
    .execute();
  await db.schema
    .createIndex('password_links_creator_idx')
    .on('password_links')
    .columns(['created_by', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('password_links').ifExists().execute();
  await db.schema.dropIndex('email_outbox_recipient_idx').on('email_outbox').execute();
  for (const column of ['lease_token', 'to_key', 'kind', 'body_html']) {
    await db.schema.alterTable('email_outbox').dropColumn(column).execute();
  }
}
