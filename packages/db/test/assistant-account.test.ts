import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSISTANT_EMAIL_KEY, type Database } from '../src';
import { useMigratedDatabase } from './support/migrated-database';

describe("the assistant's account (migration 0010)", () => {
  const database = useMigratedDatabase();
  let db: Kysely<Database>;
  beforeAll(() => {
    db = database();
  });

  it('exists once, marked as a bot, with no password and keys no signup can take', async () => {
    const rows = await db.selectFrom('users').selectAll().where('is_bot', '=', 1).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      username: 'assistant',
      username_key: 'assistant',
      email_key: ASSISTANT_EMAIL_KEY,
      password_hash: null,
      first_name: 'Assistant',
    });
    // An email key without "@" is one no valid address lowercases to.
    expect(ASSISTANT_EMAIL_KEY).not.toContain('@');
  });

  it('leaves every other account a person (is_bot 0 by default)', async () => {
    await db
      .insertInto('users')
      .values({
        username: 'someone',
        username_key: 'someone',
        email: 'someone@example.com',
        email_key: 'someone@example.com',
        password_hash: null,
        first_name: '',
        last_name: '',
        profile: null,
        profile_thumb: null,
        created_at: 1,
        updated_at: 1,
      })
      .execute();
    const row = await db
      .selectFrom('users')
      .select('is_bot')
      .where('username_key', '=', 'someone')
      .executeTakeFirstOrThrow();
    expect(row.is_bot).toBe(0);
  });
});
