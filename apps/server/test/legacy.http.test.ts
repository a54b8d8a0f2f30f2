import { describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { serverForSuite } from './support/suite-server';

// Contract §1.2, §1.9, §3.5: the user list, exact paths, redirects, CORS and JSON errors of the legacy routes.

const { api } = serverForSuite();

describe('GET /fetchAllUsers/', () => {
  it('lists every other user with the legacy keys', async () => {
    const me = await createUser(api());
    const other = await createUser(api());
    const res = await api().get<{ success: boolean; message: string; data: Array<Record<string, unknown>> }>(
      '/fetchAllUsers/',
      { token: me.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('All users');
    expect(res.body.data.find((u) => u.id === me.id)).toBeUndefined();
    const listed = res.body.data.find((u) => u.id === other.id);
    expect(listed).toEqual({
      id: other.id,
      username: other.username,
      first_name: '',
      last_name: '',
      profile: null,
      email: other.email,
    });
  });
});

describe('paths, CORS and errors', () => {
  it('matches paths exactly and case-sensitively, answering JSON 404 otherwise', async () => {
    const user = await createUser(api());
    for (const path of ['/fetchallusers/', '/getbyid/', '/nothing-here/', '/signup/extra']) {
      const res = await api().get(path, { token: user.token });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.body).toEqual({ detail: 'Not found.' });
    }
    const noSlashPost = await api().post('/signup', { username: 'x' });
    expect(noSlashPost.status).toBe(404);
    expect(noSlashPost.headers.get('content-type')).toContain('application/json');
  });

  it('redirects a GET without the trailing slash (APPEND_SLASH)', async () => {
    const res = await api().get('/get');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/get/');
  });

  it('answers CORS preflights and tags responses for any origin', async () => {
    const preflight = await api().send('OPTIONS', '/login/', undefined, {
      headers: {
        origin: 'http://127.0.0.1:4173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-max-age')).toBe('86400');

    const res = await api().post('/login/', {}, { headers: { origin: 'http://127.0.0.1:4173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('answers OPTIONS without a preflight with route metadata, no auth needed', async () => {
    const res = await api().send('OPTIONS', '/get/');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ renders: ['application/json'] });
  });
});
