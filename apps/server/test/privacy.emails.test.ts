import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { openChat } from './support/conversations';
import { client, type TestClient } from './support/http';
import { startTestServer, type TestServer } from './support/server';
import { LegacySocketClient } from './support/sockets';
import { trpcHttp } from './support/trpc';

// S26: every user's address was shown to everyone. Now: to its owner alone on v1 and tRPC; the legacy shapes keep
// it unless LEGACY_SHOW_EMAILS=false.

interface Listed {
  id: number;
  email: string;
}
type Members = { members: Listed[]; participants: Listed[] };

function useServer(env: Record<string, string>) {
  const state: { server?: TestServer; api?: TestClient; alice?: TestUser; bob?: TestUser; chat?: number } =
    {};
  beforeAll(async () => {
    state.server = await startTestServer(env);
    state.api = client(state.server.baseUrl);
    state.alice = await createUser(state.api);
    state.bob = await createUser(state.api);
    state.chat = await openChat(state.api, state.alice, state.bob);
  });
  afterAll(() => state.server?.close());
  return () => {
    const { server, api, alice, bob, chat } = state;
    if (!server || !api || !alice || !bob || chat === undefined) throw new Error('not started');
    return { server, api, alice, bob, chat };
  };
}

const emailOf = (list: readonly Listed[], id: number) => list.find((user) => user.id === id)?.email;

async function legacySocketUsers(port: number, token: string): Promise<Listed[]> {
  const socket = await LegacySocketClient.connect(port, token);
  try {
    socket.send({ type: 'fetch_all_users' });
    const frame = await socket.next((f) => f.type === 'fetch_all_users');
    return frame.data as Listed[];
  } finally {
    socket.close();
  }
}

describe('by default', () => {
  const ctx = useServer({});

  it('v1 and tRPC lists, searches and members show an address to its owner only', async () => {
    const { server, api, alice, bob, chat } = ctx();
    const v1Users = await api.get<Listed[]>('/api/v1/users', { token: alice.token });
    expect(emailOf(v1Users.body, bob.id)).toBe('');
    const v1Search = await api.get<Listed[]>(`/api/v1/users/search?query=${bob.username}`, {
      token: alice.token,
    });
    expect(emailOf(v1Search.body, bob.id)).toBe('');
    const trpc = trpcHttp(server.baseUrl, alice.token);
    expect(emailOf(await trpc.users.list.query(), bob.id)).toBe('');
    expect(emailOf(await trpc.users.search.query({ query: bob.username }), bob.id)).toBe('');

    const conversation = await api.get<Members>(`/api/v1/conversations/${chat}`, { token: alice.token });
    expect(emailOf(conversation.body.members, alice.id)).toBe(alice.email);
    expect(emailOf(conversation.body.members, bob.id)).toBe('');
    expect(emailOf(conversation.body.participants, bob.id)).toBe('');
    const listed = await trpc.conversations.list.query();
    const members = listed.conversations.flatMap((c) => c.members);
    expect(emailOf(members, bob.id)).toBe('');
    expect(emailOf(members, alice.id)).toBe(alice.email);
    // A search by the exact address shows it back (the searcher typed it; the web UI's invite flow relies on it).
    const byAddress = await trpc.users.search.query({ query: bob.email.toUpperCase() });
    expect(emailOf(byAddress, bob.id)).toBe(bob.email);
    // The account itself still carries its own address.
    expect((await trpc.users.me.query()).email).toBe(alice.email);
  });

  it('the legacy routes and socket keep their shapes, other users’ addresses included', async () => {
    const { server, api, alice, bob } = ctx();
    const users = await api.get<{ data: Listed[] }>('/fetchAllUsers/', { token: alice.token });
    expect(emailOf(users.body.data, bob.id)).toBe(bob.email);
    const chats = await api.get<{ data: Array<{ participants: Array<{ user_id: number; email: string }> }> }>(
      '/getAllConversations/',
      { token: alice.token },
    );
    expect(chats.body.data[0]?.participants.find((p) => p.user_id === bob.id)?.email).toBe(bob.email);
    expect(emailOf(await legacySocketUsers(server.port, alice.token), bob.id)).toBe(bob.email);
  });
});

describe('with LEGACY_SHOW_EMAILS=false', () => {
  const ctx = useServer({ LEGACY_SHOW_EMAILS: 'false' });

  it('the legacy routes and socket blank other users’ addresses too, in the same shapes', async () => {
    const { server, api, alice, bob } = ctx();
    const users = await api.get<{ data: Listed[] }>('/fetchAllUsers/', { token: alice.token });
    expect(emailOf(users.body.data, bob.id)).toBe('');
    expect(Object.keys(users.body.data[0] ?? {})).toContain('email');
    const chats = await api.get<{ data: Array<{ participants: Array<{ user_id: number; email: string }> }> }>(
      '/getAllConversations/',
      { token: alice.token },
    );
    expect(chats.body.data[0]?.participants.find((p) => p.user_id === bob.id)?.email).toBe('');
    expect(emailOf(await legacySocketUsers(server.port, alice.token), bob.id)).toBe('');
    // Their own address is still theirs to see.
    const me = await api.get<{ data: { email: string } }>('/get/', { token: alice.token });
    expect(me.body.data.email).toBe(alice.email);
  });
});
