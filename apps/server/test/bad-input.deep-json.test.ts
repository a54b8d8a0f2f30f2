import { describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { openChat } from './support/conversations';
import { LegacySocketClient } from './support/sockets';
import { serverForSuite } from './support/suite-server';

// A small body can nest thousands of levels; whatever walks it recursively overflows. Every door answers 400.
const DEPTH = 5_000;
const deep = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
const deepIn = (field: string) => `{"${field}":${deep}}`;

const { server, api } = serverForSuite();

describe('deeply nested JSON', () => {
  it('is refused with 400 on v1, legacy and tRPC routes, and nothing is stored', async () => {
    const user = await createUser(api());
    const peer = await createUser(api());
    const conversationId = await openChat(api(), user, peer);
    const doors: Array<[string, string]> = [
      ['/api/v1/auth/login', deep],
      ['/api/v1/auth/signup', deepIn('username')],
      [`/api/v1/conversations/${conversationId}/messages`, deepIn('body')],
      ['/login/', deep],
      ['/sendMessage/', deepIn('message')],
      ['/trpc/messages.send', deepIn('body')],
    ];
    for (const [path, raw] of doors) {
      const res = await api().post(path, undefined, { token: user.token, raw });
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toContain('application/json');
    }
    const history = await api().get<{ messages: unknown[] }>(
      `/api/v1/conversations/${conversationId}/messages`,
      { token: user.token },
    );
    expect(history.body.messages).toEqual([]);
  });

  it('in a legacy socket frame gets an error frame, and the socket stays open', async () => {
    const user = await createUser(api());
    const socket = await LegacySocketClient.connect(server().port, user.token);
    try {
      socket.send(`{"type":"chat_message","conversation_id":1,"body":${deep}}`);
      expect(await socket.next((frame) => 'error' in frame)).toMatchObject({ error: expect.any(String) });
      socket.send({ type: 'fetch_all_users' });
      await socket.next((frame) => frame.type === 'fetch_all_users');
      expect(socket.closeCode).toBeUndefined();
    } finally {
      await socket.close();
    }
  });
});
