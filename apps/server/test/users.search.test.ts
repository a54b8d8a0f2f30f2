import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { serverForSuite } from './support/suite-server';
import { trpcHttp } from './support/trpc';

// People search for starting chats: users.search over tRPC and GET /api/v1/users/search.
const { server, api } = serverForSuite();

interface Summary {
  id: number;
  username: string;
  first_name: string;
  last_name: string;
  profile: string | null;
  email: string;
}

let searcher: TestUser;
const users: Record<string, TestUser> = {};

async function named(username: string, first: string, last: string): Promise<TestUser> {
  const user = await createUser(api(), username);
  const renamed = await api().patch(
    '/api/v1/users/me',
    { first_name: first, last_name: last },
    { token: user.token },
  );
  if (renamed.status !== 200) throw new Error(`naming ${username} failed: ${renamed.status}`);
  return user;
}

beforeAll(async () => {
  // The caller matches "ali" too, and must never find themself.
  searcher = await named('searcher', 'Ali', 'Searcher');
  users.alice = await named('alice', 'Alice', 'Smith');
  users.alicex = await named('Alicex', 'Xavier', 'Young');
  users.alicia = await named('alicia_k', 'Kim', 'Lee');
  users.bob = await named('bob', 'Robert', 'Alison');
  users.malice = await named('malice', 'Mal', 'Ice');
  users.zed = await named('zed', 'Zed', 'Zulu');
});

const search = (query: string, limit?: number) =>
  trpcHttp(server().baseUrl, searcher.token).users.search.query(
    limit === undefined ? { query } : { query, limit },
  );
const names = (found: Summary[]) => found.map((user) => user.username);

describe('users.search', () => {
  it('ranks the exact username first, then usernames starting with it, then names, then any match', async () => {
    expect(names(await search('alice'))).toEqual(['alice', 'Alicex', 'malice']);
    // Username prefixes by username, then "Alison" (a name starting with it), then a username containing it.
    expect(names(await search('ALI'))).toEqual(['alice', 'Alicex', 'alicia_k', 'bob', 'malice']);
  });

  it('matches first name, last name and "first last", case-insensitively, after trimming', async () => {
    expect(names(await search('  sMiTh '))).toEqual(['alice']);
    expect(names(await search('robert'))).toEqual(['bob']);
    expect(names(await search('alice smith'))).toEqual(['alice']);
    expect(names(await search('ice sm'))).toEqual(['alice']);
    expect(names(await search('mal ice'))).toEqual(['malice']);
    expect(await search('nobody here')).toEqual([]);
  });

  it('answers user summaries and never the caller', async () => {
    const found = await search('searcher');
    expect(found).toEqual([]);
    const [alice] = await search('alice', 1);
    expect(alice).toEqual({
      id: users.alice?.id,
      username: 'alice',
      first_name: 'Alice',
      last_name: 'Smith',
      profile: null,
      // Another user's address is theirs alone (S26).
      email: '',
    });
  });

  it('limits the answer (20 by default)', async () => {
    expect(names(await search('ali', 2))).toEqual(['alice', 'Alicex']);
    for (let i = 0; i < 21; i += 1) await createUser(api(), `many${String(i).padStart(2, '0')}`);
    const found = await search('many');
    expect(found).toHaveLength(20);
    expect(names(found).at(-1)).toBe('many19');
    expect(await search('many', 50)).toHaveLength(21);
  });

  it('treats LIKE wildcards and escapes as plain characters', async () => {
    expect(names(await search('_'))).toEqual(['alicia_k']);
    expect(names(await search('a_k'))).toEqual(['alicia_k']);
    // As a wildcard, `_` would match the "i" of "alicia".
    expect(names(await search('c_a'))).toEqual([]);
    for (const query of ['%', 'a%e', '\\', 'a\\', '!', '!%', 'a!_k', "'", '"']) {
      expect(await search(query), query).toEqual([]);
    }
  });

  it('is served as GET /api/v1/users/search', async () => {
    const res = await api().get<Summary[]>('/api/v1/users/search?query=ali&limit=3', {
      token: searcher.token,
    });
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['alice', 'Alicex', 'alicia_k']);
    const spaced = await api().get<Summary[]>(
      `/api/v1/users/search?query=${encodeURIComponent('alice smith')}`,
      {
        token: searcher.token,
      },
    );
    expect(names(spaced.body)).toEqual(['alice']);
  });

  it('refuses bad input with 400 and a missing token with 401', async () => {
    const get = (query: string) =>
      api().get<{ message: string }>(`/api/v1/users/search${query}`, {
        token: searcher.token,
      });
    for (const query of [
      '',
      '?query=',
      '?query=%20%20%20',
      `?query=${'a'.repeat(51)}`,
      '?query=ali&limit=0',
      '?query=ali&limit=51',
      '?query=ali&limit=abc',
      '?query=ali&limit=1.5',
      '?query=ali&other=1',
    ]) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.body.message, query).toEqual(expect.any(String));
    }
    expect((await get(`?query=${'a'.repeat(50)}`)).status).toBe(200);
    expect((await api().get('/api/v1/users/search?query=ali')).status).toBe(401);
    await expect(search('')).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
  });
});
