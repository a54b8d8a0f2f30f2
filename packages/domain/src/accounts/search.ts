import type { UserRow } from '@chatapp/db';
import { sql } from 'kysely';
import type { DomainDeps } from '../deps';
import { invalid } from '../errors';

/** People search: the query's length once trimmed, and how many users one search may return. */
export const SEARCH_LIMITS = { queryMax: 50, max: 50, default: 20 } as const;

export interface UserSearch {
  query: string;
  limit?: number | undefined;
}

/**
 * `text` as a LIKE pattern that matches only itself, with `!` as the escape character (`escape '!'`): a backslash
 * in an SQL literal means different things on SQLite and MySQL/MariaDB, `!` means the same. Under an explicit
 * ESCAPE a backslash is an ordinary character on both, so `%`, `_` and `!` are the only ones to escape.
 */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (char) => `!${char}`);
}

/**
 * Other users whose username, first name, last name or "first last" contains the query, case-insensitively (a
 * prefix of any word is a match, and so is any part), and the user whose address the query is, exactly (so that
 * "invite them by email" can first find someone already here; an invitation would say as much with its 409).
 * Ranked: the exact username or address, then usernames starting with the query, then names with a word starting
 * with it, then the rest; within a rank by username. Wildcards in the query match themselves. Names and usernames are ASCII (see validation.ts), so `lower()` folds case on both dialects.
 */
export async function searchUsers(deps: DomainDeps, userId: number, search: UserSearch): Promise<UserRow[]> {
  const text = search.query.trim().toLowerCase();
  if (text.length === 0) throw invalid('query must not be empty');
  if (text.length > SEARCH_LIMITS.queryMax)
    throw invalid(`query must be at most ${SEARCH_LIMITS.queryMax} characters long`);
  const limit = search.limit ?? SEARCH_LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.max)
    throw invalid(`limit must be between 1 and ${SEARCH_LIMITS.max}`);

  const escaped = escapeLike(text);
  const contains = `%${escaped}%`;
  const prefix = `${escaped}%`;
  const wordPrefix = `% ${escaped}%`;
  // concat() exists on both (SQLite since 3.44); names are NOT NULL, so it never yields NULL.
  const fullName = sql<string>`lower(concat(${sql.ref('first_name')}, ' ', ${sql.ref('last_name')}))`;
  const username = sql.ref('username_key');
  const like = (value: typeof fullName | typeof username, pattern: string) =>
    sql<boolean>`${value} like ${pattern} escape '!'`;
  const rank = sql<number>`case
    when ${username} = ${text} or ${sql.ref('email_key')} = ${text} then 0
    when ${like(username, prefix)} then 1
    when ${like(fullName, prefix)} or ${like(fullName, wordPrefix)} then 2
    else 3 end`;

  return deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '!=', userId)
    .where('is_bot', '=', 0)
    .where((eb) => eb.or([like(username, contains), like(fullName, contains), eb('email_key', '=', text)]))
    .orderBy(rank)
    .orderBy('username_key')
    .orderBy('id')
    .limit(limit)
    .execute();
}
