import { createChatClient, TRPCClientError } from '@chatapp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from './support/accounts';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('@chatapp/client', () => {
  it('drives the API with typed, batched calls and follows a token that changes', async () => {
    let token: string | null = null;
    const client = createChatClient({ url: server.baseUrl, token: () => token });
    await client.auth.signUp.mutate({ username: 'typed', email: 'typed@x.com', password: PASSWORD });
    await expect(client.users.me.query()).rejects.toBeInstanceOf(TRPCClientError);

    token = (await client.auth.logIn.mutate({ username: 'typed', password: PASSWORD })).token;
    const [me, others] = await Promise.all([client.users.me.query(), client.users.list.query()]);
    expect(me.username).toBe('typed');
    expect(others).toEqual([]);

    await client.auth.logOut.mutate();
    await expect(client.users.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });
});
