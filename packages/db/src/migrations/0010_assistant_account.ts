import { type Kysely, sql } from 'kysely';

/**
 * The assistant's account, which sends its replies (issue 17): each user's assistant chat is an ordinary one-to-one
 * conversation with it, so replies are ordinary messages every client and socket already shows.
 *
 * - `users.is_bot`: 1 for that account, which people lists and search leave out; 0 for everyone else.
 * - The account itself, created here, before any user can take its keys: its email key `(assistant)` has no `@`,
 *   so no signup can ever collide with it, and it has no password, so nobody can log in as it. Its username key
 *   is reserved when it is free (a fresh database), so nobody can pose as "assistant" later.
 */
export const ASSISTANT_EMAIL_KEY = '(assistant)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('is_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const taken = await sql<{ id: number }>`select id from users where username_key = 'assistant'`.execute(db);
  const usernameKey = taken.rows.length === 0 ? 'assistant' : null;
  const now = Date.now();
  await sql`insert into users
      (username, username_key, email, email_key, password_hash, first_name, last_name, created_at, updated_at, is_bot)
      values ('assistant', ${usernameKey}, '', ${ASSISTANT_EMAIL_KEY}, null, 'Assistant', '', ${now}, ${now}, 1)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from users where email_key = ${ASSISTANT_EMAIL_KEY}`.execute(db);
  await db.schema.alterTable('users').dropColumn('is_bot').execute();
}
