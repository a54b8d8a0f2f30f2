import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import { sharedAssistantServer, storedMessages } from './support/assistant';
import { client, type TestClient } from './support/http';
import { Z_TIME } from './support/legacy-chat';
import { startTestServer, type TestServer } from './support/server';
import { isChatFrame, LegacySocketClient } from './support/sockets';

// The legacy client's assistant: GET /getAIConversation/ and POST /sendAIMessage/ in the contract's top-level
// family C (§3.13, §3.14), its status codes, the greeting, ownership (S8), failures that store nothing false (C41),
// and a server without AI configuration that runs everything else (C42).

interface AiMessage {
  id: number;
  text: string;
  sender: 'user' | 'ai';
  created_at: string;
}
interface AiConversation {
  success: boolean;
  conversation_id: number;
  messages: AiMessage[];
}

describe('with a model server', () => {
  const assistant = sharedAssistantServer();

  it('creates the chat with its greeting on the first GET (201), then answers 200, in family C', async () => {
    const user = await createUser(assistant.api);
    const first = await assistant.api.get<AiConversation>('/getAIConversation/', { token: user.token });
    expect(first.status).toBe(201);
    expect(Object.keys(first.body).sort()).toEqual(['conversation_id', 'messages', 'success']);
    expect(first.body.success).toBe(true);
    expect(first.body.messages).toEqual([
      {
        id: expect.any(Number),
        text: `Hello ${user.username}, how can I help you? 👋`,
        sender: 'ai',
        created_at: expect.stringMatching(Z_TIME),
      },
    ]);
    const again = await assistant.api.get<AiConversation>('/getAIConversation/', { token: user.token });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('answers a question with the whole chat, the reply last, and pushes both to the legacy socket', async () => {
    const user = await createUser(assistant.api);
    const { body: chat } = await assistant.api.get<AiConversation>('/getAIConversation/', {
      token: user.token,
    });
    const socket = await LegacySocketClient.connect(assistant.server.port, user.token);
    assistant.fake.script({ kind: 'json', content: 'Four.' });
    assistant.fake.requests.length = 0;
    const answer = await assistant.api.post<AiConversation>(
      '/sendAIMessage/',
      { conversation_id: String(chat.conversation_id), message: '  What is 2+2?  ' },
      { token: user.token },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(Object.keys(answer.body).sort()).toEqual(['conversation_id', 'messages', 'success']);
    expect(answer.body.conversation_id).toBe(chat.conversation_id);
    expect(answer.body.messages.map((m) => [m.sender, m.text])).toEqual([
      ['ai', `Hello ${user.username}, how can I help you? 👋`],
      ['user', 'What is 2+2?'],
      ['ai', 'Four.'],
    ]);
    expect(assistant.fake.requests[0]?.body.stream).toBeFalsy();
    await socket.next((f) => isChatFrame(f) && f.body === 'What is 2+2?', 3_000, 'the question frame');
    const reply = await socket.next((f) => isChatFrame(f) && f.body === 'Four.', 3_000, 'the reply frame');
    expect(reply.conversation_id).toBe(chat.conversation_id);
    await socket.close();
  });

  it("answers the legacy errors in family B: missing id, empty message, wrong type, another user's chat (S8)", async () => {
    const [owner, other] = [await createUser(assistant.api), await createUser(assistant.api)];
    const { body: own } = await assistant.api.get<AiConversation>('/getAIConversation/', {
      token: owner.token,
    });
    await assistant.api.get('/getAIConversation/', { token: other.token });
    const before = assistant.fake.requests.length;

    const cases: Array<[unknown, string | RegExp]> = [
      [{ message: 'hi' }, 'Conversation ID is required'],
      [{ conversation_id: own.conversation_id, message: '   ' }, 'Message cannot be empty'],
      [{ conversation_id: own.conversation_id }, 'Message cannot be empty'],
      [{ conversation_id: own.conversation_id, message: 7 }, /message/],
      [{ conversation_id: 'abc', message: 'hi' }, /conversation_id/],
    ];
    for (const [body, error] of cases) {
      const answer = await assistant.api.post<{ success: boolean; error: string }>('/sendAIMessage/', body, {
        token: owner.token,
      });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.success).toBe(false);
      expect(answer.body.error).toMatch(error);
    }

    const intrusion = await assistant.api.post<{ success: boolean; error: string }>(
      '/sendAIMessage/',
      { conversation_id: own.conversation_id, message: 'let me in' },
      { token: other.token },
    );
    expect(intrusion.status).toBe(400);
    expect(intrusion.body).toEqual({
      success: false,
      error: 'AI_Conversations matching query does not exist.',
    });
    expect(assistant.fake.requests.length).toBe(before);
    expect(await storedMessages(assistant.server.app.deps.db, own.conversation_id)).toHaveLength(1);
  });

  it('answers wrong methods and missing tokens as the legacy service did', async () => {
    expect((await assistant.api.post('/getAIConversation/', {})).status).toBe(405);
    expect((await assistant.api.get('/sendAIMessage/')).status).toBe(405);
    const anonymous = await assistant.api.get('/getAIConversation/');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ success: false, message: 'Unauthorized', data: null });
  });

  it('answers 502 when the model fails, keeping the question and storing no error text as a reply (C41)', async () => {
    const user = await createUser(assistant.api);
    const { body: chat } = await assistant.api.get<AiConversation>('/getAIConversation/', {
      token: user.token,
    });
    assistant.fake.script({ kind: 'error', status: 503 });
    const answer = await assistant.api.post<{ success: boolean; error: string }>(
      '/sendAIMessage/',
      { conversation_id: chat.conversation_id, message: 'Hello?' },
      { token: user.token },
    );
    expect(answer.status).toBe(502);
    expect(answer.body).toEqual({ success: false, error: "The assistant's model server failed (HTTP 503)" });
    const after = await assistant.api.get<AiConversation>('/getAIConversation/', { token: user.token });
    expect(after.body.messages.map((m) => [m.sender, m.text])).toEqual([
      ['ai', `Hello ${user.username}, how can I help you? 👋`],
      ['user', 'Hello?'],
    ]);
  });
});

describe('without AI configuration (C42)', () => {
  let server: TestServer;
  let api: TestClient;
  beforeAll(async () => {
    server = await startTestServer();
    api = client(server.baseUrl);
  });
  afterAll(() => server?.close());

  it('runs everything else, shows the chat, and answers 503 "assistant not configured" storing nothing', async () => {
    const [user, friend] = [await createUser(api), await createUser(api)];
    const chat = await api.get<AiConversation>('/getAIConversation/', { token: user.token });
    expect(chat.status).toBe(201);

    const legacy = await api.post<{ success: boolean; error: string }>(
      '/sendAIMessage/',
      { conversation_id: chat.body.conversation_id, message: 'Anyone?' },
      { token: user.token },
    );
    expect(legacy.status).toBe(503);
    expect(legacy.body).toEqual({ success: false, error: 'assistant not configured' });
    const v1 = await api.post<{ message: string }>(
      '/api/v1/assistant/messages',
      { message: 'Anyone?' },
      { token: user.token },
    );
    expect(v1.status).toBe(503);
    expect(v1.body.message).toBe('assistant not configured');
    const state = await api.get<{ configured: boolean }>('/api/v1/assistant', { token: user.token });
    expect(state.body.configured).toBe(false);
    expect(await storedMessages(server.app.deps.db, chat.body.conversation_id)).toHaveLength(1);

    // Ordinary chat is unaffected.
    const opened = await api.post<{ data: { conversation_id: number } }>(
      '/getConversation/',
      { user_id: String(friend.id), is_group: false },
      { token: user.token },
    );
    expect(opened.status).toBe(201);
    const sent = await api.post(
      '/sendMessage/',
      { conversation_id: opened.body.data.conversation_id, body: 'hi' },
      {
        token: user.token,
      },
    );
    expect(sent.status).toBe(201);
  });
});
