import { describe, expect, it } from 'vitest';
import { createUser, PASSWORD } from './support/accounts';
import { serverForSuite } from './support/suite-server';

// Contract §3.1–3.5: the legacy account routes, statuses and bodies exactly as today's clients read them.
const OFFSET_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;
const TOKEN = /^[0-9a-f]{64}$/;

const { api } = serverForSuite();

describe('POST /signup/', () => {
  it('creates an account: 201 with the account and no profile or token', async () => {
    const res = await api().post('/signup/', {
      username: 'alice',
      email: 'alice@x.com',
      password: PASSWORD,
      first_name: 'Alice',
      last_name: "O'Neil",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      success: true,
      message: 'User registered successfully',
      data: { username: 'alice', email: 'alice@x.com', first_name: 'Alice', last_name: "O'Neil" },
    });
    const data = (res.body as { data: Record<string, unknown> }).data;
    expect(Object.keys(data).sort()).toEqual(
      ['created_at', 'email', 'first_name', 'id', 'last_name', 'updated_at', 'username'].sort(),
    );
    expect(typeof data.id).toBe('number');
    expect(data.created_at).toMatch(OFFSET_TIME);
    expect(data.updated_at).toMatch(OFFSET_TIME);
  });

  it('reports up to three problems joined, in the legacy order', async () => {
    const res = await api().post('/signup/', { username: '1abc', email: 'nope', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      message:
        "Username must start with a letter not with '1', Password must be at least 8 characters long, Invalid email format",
      data: null,
    });
  });

  it('names every missing field', async () => {
    const res = await api().post('/signup/', {});
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      message: 'username is required, password is required, email is required',
      data: null,
    });
  });

  it('checks each password rule in turn', async () => {
    const cases: Array<[string, string]> = [
      ['alllower1!', 'Password must contain at least one uppercase letter'],
      ['ALLUPPER1!', 'Password must contain at least one lowercase letter'],
      ['NoDigits!!', 'Password must contain at least one digit'],
      ['NoSpecial1', 'Password must contain at least one special character'],
    ];
    for (const [password, message] of cases) {
      const res = await api().post('/signup/', { username: 'pwcheck', email: 'pw@x.com', password });
      expect(res.body).toEqual({ success: false, message, data: null });
    }
  });

  it('validates names with the legacy prefixes', async () => {
    const first = await api().post('/signup/', {
      username: 'namey',
      email: 'namey@x.com',
      password: PASSWORD,
      first_name: '9lives',
    });
    expect(first.status).toBe(400);
    expect(first.body).toMatchObject({ message: 'Invalid first name: Name must start with a letter' });
    const last = await api().post('/signup/', {
      username: 'namey',
      email: 'namey@x.com',
      password: PASSWORD,
      last_name: 'Sm1th',
    });
    expect(last.body).toMatchObject({
      message: "Invalid last name: Name can only contain letters, spaces, hyphens (-), and apostrophes (')",
    });
  });

  it('refuses duplicate usernames and emails, case-insensitively (S28)', async () => {
    await createUser(api(), 'dupuser');
    const sameName = await api().post('/signup/', {
      username: 'DupUser',
      email: 'other@x.com',
      password: PASSWORD,
    });
    expect(sameName.status).toBe(400);
    expect(sameName.body).toEqual({ success: false, message: 'Username already exists', data: null });
    const sameEmail = await api().post('/signup/', {
      username: 'another',
      email: 'DUPUSER@example.com',
      password: PASSWORD,
    });
    expect(sameEmail.body).toEqual({ success: false, message: 'Email already exists', data: null });
  });

  it('answers an over-long username with a clear 400, not a database error (C27)', async () => {
    const res = await api().post('/signup/', {
      username: 'a'.repeat(21),
      email: 'long@x.com',
      password: PASSWORD,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ message: 'Username must be at most 20 characters long' });
  });

  it('answers wrong types, malformed JSON and non-object JSON with 400 and stores nothing', async () => {
    const wrongType = await api().post('/signup/', { username: 5, email: 'five@x.com', password: PASSWORD });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ success: false, data: null });
    expect((wrongType.body as { message: string }).message).toContain('username');

    const malformed = await api().post('/signup/', undefined, { raw: '{"username": "broken",' });
    expect(malformed.status).toBe(400);
    expect((malformed.body as { message: string }).message).toMatch(/^JSON parse error - /);

    const array = await api().post('/signup/', undefined, { raw: '[1]' });
    expect(array.status).toBe(400);
    expect(array.body).toMatchObject({ success: false, data: null });

    const plain = await api().post('/signup/', undefined, { raw: 'username=x', contentType: 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.body).toEqual({
      success: false,
      message: 'Unsupported media type "text/plain" in request.',
      data: null,
    });

    const login = await api().post('/login/', { username: 'five', password: PASSWORD });
    expect(login.status).toBe(400);
  });

  it('accepts form-encoded bodies like DRF did', async () => {
    const res = await api().post('/signup/', undefined, {
      raw: new URLSearchParams({ username: 'formy', email: 'formy@x.com', password: PASSWORD }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(201);
  });
});

describe('POST /login/', () => {
  it('logs in by username or by email, case-insensitively, with a new token per login', async () => {
    const user = await createUser(api(), 'logan');
    const byName = await api().post('/login/', { username: 'LOGAN', email: '', password: PASSWORD });
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ success: true, message: 'Login successful', data: { id: user.id } });
    const data = (byName.body as { data: Record<string, unknown> }).data;
    expect(Object.keys(data).sort()).toEqual(['id', 'token']);
    expect(data.token).toMatch(TOKEN);

    const byEmail = await api().post('/login/', {
      username: '',
      email: 'Logan@Example.com',
      password: PASSWORD,
    });
    expect(byEmail.status).toBe(200);
    const second = (byEmail.body as { data: { token: string } }).data.token;
    expect(second).not.toBe(data.token);
    // Both devices stay signed in.
    expect((await api().get('/get/', { token: String(data.token) })).status).toBe(200);
    expect((await api().get('/get/', { token: second })).status).toBe(200);
  });

  it('gives one message for unknown accounts and wrong passwords (S24)', async () => {
    await createUser(api(), 'enum');
    const wrongPassword = await api().post('/login/', { username: 'enum', password: 'Wrong#Pass1' });
    const unknownUser = await api().post('/login/', { username: 'nobody-here', password: PASSWORD });
    expect(wrongPassword.status).toBe(400);
    expect(unknownUser.status).toBe(400);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(wrongPassword.body).toMatchObject({ success: false, data: null });
  });

  it('asks for an identifier and a password', async () => {
    const res = await api().post('/login/', { username: '', email: '', password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      message: 'Provide username or email and password',
      data: null,
    });
    const noPassword = await api().post('/login/', { username: 'enum' });
    expect(noPassword.body).toEqual({
      success: false,
      message: 'Provide username or email and password',
      data: null,
    });
  });

  it('tokens are random, not the forgeable sha256(id + username) of the legacy service (S1)', async () => {
    const user = await createUser(api(), 'forgeme');
    const { createHash } = await import('node:crypto');
    const forged = createHash('sha256').update(`${user.id}${user.username}`).digest('hex');
    expect(user.token).not.toBe(forged);
    expect((await api().get('/get/', { token: forged })).status).toBe(401);
  });
});

describe('GET /get/', () => {
  it('returns the current user with the presented token', async () => {
    const user = await createUser(api(), 'getter');
    const res = await api().get('/get/', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      message: 'User fetched successfully',
      data: { id: user.id, username: 'getter', email: user.email, profile: null, token: user.token },
    });
    const data = (res.body as { data: Record<string, unknown> }).data;
    expect(Object.keys(data).sort()).toEqual(
      [
        'created_at',
        'email',
        'first_name',
        'id',
        'last_name',
        'profile',
        'token',
        'updated_at',
        'username',
      ].sort(),
    );
    expect(data.created_at).toMatch(OFFSET_TIME);
  });

  it('accepts "Bearer <t>", "bearer <t>" and a bare token', async () => {
    const user = await createUser(api(), 'forms');
    for (const authorization of [
      `Bearer ${user.token}`,
      `bearer ${user.token}`,
      user.token,
      ` ${user.token} `,
    ]) {
      expect((await api().get('/get/', { authorization })).status).toBe(200);
    }
  });

  it('answers 401 with the legacy body for a missing, unknown or malformed token', async () => {
    const unauthorized = { success: false, message: 'Unauthorized', data: null };
    for (const authorization of [undefined, `Bearer ${'a'.repeat(64)}`, 'Token abc', '']) {
      const res = await api().get('/get/', authorization === undefined ? {} : { authorization });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(unauthorized);
    }
  });

  it('answers a wrong method with 405 before 401', async () => {
    const res = await api().post('/get/', {});
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ detail: 'Method "POST" not allowed.' });
    expect(res.headers.get('allow')).toContain('GET');
  });

  it('answers HEAD like GET, without a body', async () => {
    const user = await createUser(api());
    const res = await api().send('HEAD', '/get/', undefined, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toBeNull();
  });
});

describe('PUT /update/', () => {
  it('updates the given fields and answers the account without a token', async () => {
    const user = await createUser(api(), 'updater');
    const res = await api().put(
      '/update/',
      { username: 'updater2', first_name: 'Up', last_name: 'Dater' },
      { token: user.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      message: 'User updated successfully',
      data: { id: user.id, username: 'updater2', first_name: 'Up', last_name: 'Dater', profile: null },
    });
    expect((res.body as { data: Record<string, unknown> }).data).not.toHaveProperty('token');
    // The token still works after a rename (tokens are no longer derived from the username).
    expect((await api().get('/get/', { token: user.token })).status).toBe(200);
  });

  it('lets a name be cleared instead of crashing (C24)', async () => {
    const user = await createUser(api());
    const res = await api().put('/update/', { first_name: '' }, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: { first_name: '' } });
  });

  it('validates what it is given', async () => {
    const user = await createUser(api());
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'No data provided to update'],
      [{ unknown_key: 1 }, 'No data provided to update'],
      [{ email: 'not-an-email' }, 'Invalid email format'],
      [{ username: '_bad' }, "Username must start with a letter not with '_'"],
      [{ username: '' }, 'username is required'],
      [{ password: 'weak' }, 'Password must be at least 8 characters long'],
    ];
    for (const [body, message] of cases) {
      const res = await api().put('/update/', body, { token: user.token });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ success: false, message, data: null });
    }
  });

  it('refuses an email that another account has', async () => {
    const a = await createUser(api());
    const b = await createUser(api());
    const res = await api().put('/update/', { email: b.email.toUpperCase() }, { token: a.token });
    expect(res.body).toEqual({ success: false, message: 'Email already exists', data: null });
  });

  it('answers parse errors the DRF way, as the legacy service did for this route', async () => {
    const user = await createUser(api());
    const malformed = await api().put('/update/', undefined, { token: user.token, raw: '{oops' });
    expect(malformed.status).toBe(400);
    expect((malformed.body as { detail: string }).detail).toMatch(/^JSON parse error - /);
    const plain = await api().put('/update/', undefined, {
      token: user.token,
      raw: 'x',
      contentType: 'text/plain',
    });
    expect(plain.status).toBe(415);
    expect(plain.body).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
  });

  it('changes the password and logs out every other device', async () => {
    const user = await createUser(api(), 'rotator');
    const other = await api().post<{ data: { token: string } }>('/login/', {
      username: 'rotator',
      password: PASSWORD,
    });
    const otherToken = other.body.data.token;
    const res = await api().put('/update/', { password: 'N3w#Password' }, { token: user.token });
    expect(res.status).toBe(200);
    expect((await api().get('/get/', { token: user.token })).status).toBe(200);
    expect((await api().get('/get/', { token: otherToken })).status).toBe(401);
    expect((await api().post('/login/', { username: 'rotator', password: PASSWORD })).status).toBe(400);
    expect((await api().post('/login/', { username: 'rotator', password: 'N3w#Password' })).status).toBe(200);
  });

  it('answers PATCH with 405', async () => {
    const user = await createUser(api());
    const res = await api().patch('/update/', { first_name: 'X' }, { token: user.token });
    expect(res.status).toBe(405);
  });
});
