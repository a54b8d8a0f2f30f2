import type { AppRouter } from '@chatapp/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/accounts';
import { countRows } from './support/conversations';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';

// The same account procedures through the versioned REST API (/api/v1) and tRPC (/trpc).
let server: TestServer;
let api: TestClient;

beforeAll(async () => {
  server = await startTestServer({ MAX_BODY_BYTES: String(64 * 1024) });
  api = client(server.baseUrl);
});
afterAll(() => server.close());

function trpc(token?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.baseUrl}/trpc`,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
}

const userCount = () => countRows(server.app.deps.db, 'users');

describe('REST v1', () => {
  it('signs up, logs in, reads and updates the account, lists users', async () => {
    const signup = await api.post('/api/v1/auth/signup', {
      username: 'vera',
      email: 'vera@x.com',
      password: PASSWORD,
      first_name: 'Vera',
    });
    expect(signup.status).toBe(200);
    expect(signup.body).toMatchObject({
      username: 'vera',
      email: 'vera@x.com',
      first_name: 'Vera',
      profile: null,
    });
    expect((signup.body as { created_at: string }).created_at).toMatch(/Z$/);

    const login = await api.post<{ id: number; token: string; expires_at: string }>('/api/v1/auth/login', {
      email: 'VERA@x.com',
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(login.body.expires_at)).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    const token = login.body.token;

    const me = await api.get('/api/v1/users/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: login.body.id, username: 'vera' });

    const updated = await api.patch('/api/v1/users/me', { last_name: 'Rubin' }, { token });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ last_name: 'Rubin' });

    const other = await createUser(api);
    const list = await api.get<Array<{ id: number }>>('/api/v1/users', { token });
    expect(list.status).toBe(200);
    expect(list.body.map((u) => u.id)).toContain(other.id);
    expect(list.body.map((u) => u.id)).not.toContain(login.body.id);
  });

  it('answers validation failures with 400 and a readable message', async () => {
    const res = await api.post('/api/v1/auth/signup', {
      username: '1x',
      email: 'a@b.co',
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'BAD_REQUEST',
      message: "Username must start with a letter not with '1'",
    });
    const dup = await createUser(api);
    const conflict = await api.post('/api/v1/auth/signup', {
      username: dup.username,
      email: 'z@z.co',
      password: PASSWORD,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ message: 'Username already exists' });
  });

  it('refuses unknown fields, wrong types, non-object and malformed JSON, storing nothing', async () => {
    const before = await userCount();
    const unknownField = await api.post('/api/v1/auth/signup', {
      username: 'sneaky',
      email: 'sneaky@x.com',
      password: PASSWORD,
      is_admin: true,
    });
    expect(unknownField.status).toBe(400);
    expect(JSON.stringify((unknownField.body as { issues: unknown[] }).issues)).toContain('is_admin');

    const wrongType = await api.post('/api/v1/auth/signup', {
      username: ['x'],
      email: 'w@x.com',
      password: PASSWORD,
    });
    expect(wrongType.status).toBe(400);

    const nonObject = await api.post('/api/v1/auth/signup', undefined, { raw: '"just a string"' });
    expect(nonObject.status).toBe(400);

    const malformed = await api.post('/api/v1/auth/signup', undefined, { raw: '{"username":' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/json');

    expect(await userCount()).toBe(before);
  });

  it('refuses an oversize body with 413 on every transport, storing nothing', async () => {
    const before = await userCount();
    const huge = {
      username: 'big',
      email: 'big@x.com',
      password: PASSWORD,
      first_name: 'a'.repeat(70 * 1024),
    };
    const legacy = await api.post('/signup/', huge);
    expect(legacy.status).toBe(413);
    expect(legacy.body).toMatchObject({ success: false });
    const v1 = await api.post('/api/v1/auth/signup', huge);
    expect(v1.status).toBe(413);
    const rpc = await api.post('/trpc/auth.signUp', huge);
    expect(rpc.status).toBe(413);
    expect(await userCount()).toBe(before);
  });

  it('needs a token for protected operations', async () => {
    const res = await api.get('/api/v1/users/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('logs out one device, or every device', async () => {
    const user = await createUser(api, 'multidev');
    const second = (
      await api.post<{ token: string }>('/api/v1/auth/login', { username: 'multidev', password: PASSWORD })
    ).body.token;
    const third = (
      await api.post<{ token: string }>('/api/v1/auth/login', { username: 'multidev', password: PASSWORD })
    ).body.token;

    const logout = await api.post('/api/v1/auth/logout', undefined, { token: user.token, raw: '' });
    expect(logout.status).toBe(200);
    expect((await api.get('/api/v1/users/me', { token: user.token })).status).toBe(401);
    expect((await api.get('/api/v1/users/me', { token: second })).status).toBe(200);

    const all = await api.post<{ revoked: number }>('/api/v1/auth/logout-all', undefined, {
      token: second,
      raw: '',
    });
    expect(all.status).toBe(200);
    expect(all.body.revoked).toBe(2);
    expect((await api.get('/get/', { token: second })).status).toBe(401);
    expect((await api.get('/get/', { token: third })).status).toBe(401);
  });

  it('changes the password only with the current one, revoking other tokens', async () => {
    const user = await createUser(api, 'changer');
    const other = (
      await api.post<{ token: string }>('/api/v1/auth/login', { username: 'changer', password: PASSWORD })
    ).body.token;
    const wrong = await api.post(
      '/api/v1/auth/password',
      { current_password: 'Wrong#123x', new_password: 'Fresh#Pass9' },
      { token: user.token },
    );
    expect(wrong.status).toBe(400);
    const ok = await api.post(
      '/api/v1/auth/password',
      { current_password: PASSWORD, new_password: 'Fresh#Pass9' },
      { token: user.token },
    );
    expect(ok.status).toBe(200);
    expect((await api.get('/get/', { token: user.token })).status).toBe(200);
    expect((await api.get('/get/', { token: other })).status).toBe(401);
  });
});

describe('token lifetime', () => {
  it('expires tokens, on every transport', async () => {
    const user = await createUser(api);
    await server.app.deps.db
      .updateTable('auth_tokens')
      .set({ expires_at: Date.now() - 1 })
      .where('user_id', '=', user.id)
      .execute();
    expect((await api.get('/get/', { token: user.token })).status).toBe(401);
    expect((await api.get('/api/v1/users/me', { token: user.token })).status).toBe(401);
    await expect(trpc(user.token).users.me.query()).rejects.toBeInstanceOf(TRPCClientError);
  });

  it('slides the expiry forward when a token is used', async () => {
    const user = await createUser(api);
    const longAgo = Date.now() - 10 * 24 * 3600 * 1000;
    await server.app.deps.db
      .updateTable('auth_tokens')
      .set({ last_used_at: longAgo, expires_at: longAgo + 30 * 24 * 3600 * 1000 })
      .where('user_id', '=', user.id)
      .execute();
    expect((await api.get('/get/', { token: user.token })).status).toBe(200);
    const row = await server.app.deps.db
      .selectFrom('auth_tokens')
      .select(['expires_at', 'last_used_at'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).toBeGreaterThan(longAgo);
    expect(row.expires_at).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it('stores only a hash of each token', async () => {
    const user = await createUser(api);
    const rows = await server.app.deps.db.selectFrom('auth_tokens').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === user.token)).toBe(false);
  });
});

describe('legacy password hashes', () => {
  it('verifies a Django pbkdf2_sha256 hash, then rehashes it with scrypt', async () => {
    // A hash as Django 5.2 writes it (computed with Python's hashlib for password "Legacy#Pass1").
    const djangoHash = 'pbkdf2_sha256$870000$Vt4bM2xQp9LkZr7s$GjG/eqIKPZbZpzvDODpI+6rwABVa57AUv0WcLnpzFpQ=';
    const now = Date.now();
    await server.app.deps.db
      .insertInto('users')
      .values({
        username: 'djangouser',
        username_key: 'djangouser',
        email: 'django@x.com',
        email_key: 'django@x.com',
        password_hash: djangoHash,
        first_name: '',
        last_name: '',
        profile: null,
        profile_thumb: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    expect((await api.post('/login/', { username: 'djangouser', password: 'Wrong#Pass1' })).status).toBe(400);
    const login = await api.post('/login/', { username: 'djangouser', password: 'Legacy#Pass1' });
    expect(login.status).toBe(200);
    const row = await server.app.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'djangouser')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect((await api.post('/login/', { username: 'djangouser', password: 'Legacy#Pass1' })).status).toBe(
      200,
    );
  });
});

describe('tRPC', () => {
  it('serves the same procedures with typed inputs and outputs', async () => {
    const anonymous = trpc();
    const account = await anonymous.auth.signUp.mutate({
      username: 'rpcuser',
      email: 'rpc@x.com',
      password: PASSWORD,
    });
    expect(account.username).toBe('rpcuser');
    const { token, id } = await anonymous.auth.logIn.mutate({ username: 'rpcuser', password: PASSWORD });
    expect(id).toBe(account.id);
    const me = await trpc(token).users.me.query();
    expect(me).toMatchObject({ id, username: 'rpcuser', email: 'rpc@x.com' });
    await expect(anonymous.users.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('rejects invalid input with BAD_REQUEST and a readable message', async () => {
    const error = await trpc()
      .auth.signUp.mutate({ username: 'x', email: 'bad', password: 'weak' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
    expect((error as TRPCClientError<AppRouter>).message).toContain(
      'Password must be at least 8 characters long',
    );
  });
});
