import { type Kysely, sql } from 'kysely';

/**
 * The schema for the whole product. Column types are chosen to mean the same on SQLite and MySQL/MariaDB:
 * `varchar(n)` where a value is indexed or bounded, `mediumtext` (TEXT affinity on SQLite) for bodies, `bigint`
 * epoch milliseconds for times, `integer` 0/1 for booleans.
 */
// Migrations must not depend on the evolving Database type: the schema builder needs none.
export async function up(db: Kysely<unknown>): Promise<void> {
  const longText = sql`mediumtext`;

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    .addColumn('username_key', 'varchar(20)')
    .addColumn('email', 'varchar(100)', (c) => c.notNull())
    .addColumn('email_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('first_name', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'varchar(20)', (c) => c.notNull().defaultTo(''))
    .addColumn('profile', 'varchar(255)')
    .addColumn('profile_thumb', 'varchar(255)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_username_key_uq').on('users').column('username_key').unique().execute();
  await db.schema.createIndex('users_email_key_uq').on('users').column('email_key').unique().execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'char(64)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(255)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auth_tokens_hash_uq')
    .on('auth_tokens')
    .column('token_hash')
    .unique()
    .execute();
  await db.schema.createIndex('auth_tokens_user_idx').on('auth_tokens').column('user_id').execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('is_group', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('direct_key', 'varchar(32)')
    .addColumn('last_message_id', 'integer')
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversations_direct_key_uq')
    .on('conversations')
    .column('direct_key')
    .unique()
    .execute();

  await db.schema
    .createTable('conversation_members')
    .addColumn('conversation_id', 'integer', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('last_read_message_id', 'integer')
    .addColumn('last_delivered_message_id', 'integer')
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_members_pk', ['conversation_id', 'user_id'])
    .execute();
  // "My conversations" is the hot lookup: by user, then conversation.
  await db.schema
    .createIndex('conversation_members_user_idx')
    .on('conversation_members')
    .columns(['user_id', 'conversation_id'])
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('path', 'varchar(255)', (c) => c.notNull())
    .addColumn('thumb_path', 'varchar(255)')
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_path_uq').on('media').column('path').unique().execute();
  await db.schema.createIndex('media_owner_idx').on('media').column('owner_id').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('conversation_id', 'integer', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'varchar(10)', (c) => c.notNull())
    .addColumn('body', longText, (c) => c.notNull())
    .addColumn('media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('media_url', 'varchar(255)')
    .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('active'))
    .addColumn('is_edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('client_message_id', 'varchar(64)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  // History pages and unread counts walk one conversation by id.
  await db.schema
    .createIndex('messages_conversation_idx')
    .on('messages')
    .columns(['conversation_id', 'id'])
    .execute();
  // Permanent idempotency of client retries.
  await db.schema
    .createIndex('messages_client_id_uq')
    .on('messages')
    .columns(['sender_id', 'client_message_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('message_edits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('previous_body', longText, (c) => c.notNull())
    .addColumn('edited_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_edits_message_idx')
    .on('message_edits')
    .columns(['message_id', 'id'])
    .execute();

  await db.schema
    .createTable('ai_conversations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One assistant chat per user (fixes the legacy duplicate-on-race, R2).
  await db.schema
    .createIndex('ai_conversations_user_uq')
    .on('ai_conversations')
    .column('user_id')
    .unique()
    .execute();

  await db.schema
    .createTable('ai_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('conversation_id', 'integer', (c) =>
      c.notNull().references('ai_conversations.id').onDelete('cascade'),
    )
    .addColumn('sender_is_user', 'integer', (c) => c.notNull())
    .addColumn('message', longText, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ai_messages_conversation_idx')
    .on('ai_messages')
    .columns(['conversation_id', 'id'])
    .execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('to_address', 'varchar(255)', (c) => c.notNull())
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('body_text', longText, (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('email_outbox_due_idx')
    .on('email_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('realtime_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('conversation_id', 'integer', (c) => c.references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('payload', longText, (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('realtime_events_conversation_idx')
    .on('realtime_events')
    .columns(['conversation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('realtime_events_user_idx')
    .on('realtime_events')
    .columns(['user_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'realtime_events',
    'email_outbox',
    'ai_messages',
    'ai_conversations',
    'message_edits',
    'messages',
    'media',
    'conversation_members',
    'conversations',
    'auth_tokens',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
