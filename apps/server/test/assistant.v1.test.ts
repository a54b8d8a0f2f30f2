import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import {
  askOverSse,
  askStreaming,
  eventually,
  sharedAssistantServer,
  storedMessages,
} from './support/assistant';
import { procedures } from './support/procedures';

// The assistant through tRPC (the streaming subscription) and REST v1 (the whole reply), against a local
// OpenAI-compatible server: what the model is sent, the stream's order, storage once, a client leaving mid-stream,
// ownership, one chat per user under concurrent first calls. Failures and shutdown: assistant.v1.failures.test.ts.

const assistant = sharedAssistantServer();

const { trpc, statusOf } = procedures(() => assistant.server);
const db = () => assistant.server.app.deps.db;

const chatOf = (user: TestUser) => trpc(user).assistant.conversation.query();

describe('streaming a reply (assistant.stream)', () => {
  it('sends the question with the system prompt and the token cap, streams the text in order after reasoning, and stores the reply once', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({ kind: 'stream', first: 'reasoning', chunks: ['The ', 'answer ', 'is ', '42.'] });
    const events = await askStreaming(assistant.server.port, user, '  What is six times seven?  ').done;

    expect(events[0]).toMatchObject({ type: 'question', message: { body: 'What is six times seven?' } });
    const deltas = events.filter((e) => e.type === 'delta').map((e) => e.text);
    expect(deltas).toEqual(['The ', 'answer ', 'is ', '42.']);
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'reply', message: { body: 'The answer is 42.' } });

    const sent = assistant.fake.requests.at(-1);
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.authorization).toBe('Bearer test-key');
    expect(sent?.body).toMatchObject({ model: 'test-model', stream: true, max_tokens: 77 });
    expect(sent?.body.messages[0]).toEqual({ role: 'system', content: 'You are a test assistant.' });
    expect(sent?.body.messages.at(-1)).toEqual({ role: 'user', content: 'What is six times seven?' });

    const chat = await chatOf(user);
    const stored = await storedMessages(db(), chat.conversation_id);
    expect(stored.filter((m) => m.body === 'The answer is 42.')).toHaveLength(1);
    expect(chat.messages.map((m) => m.body)).toEqual([
      `Hello ${user.username}, how can I help you? 👋`,
      'What is six times seven?',
      'The answer is 42.',
    ]);
    expect(chat.messages.at(-1)?.sender_id).toBe(chat.assistant_user_id);
  });

  it('cuts a reply that would pass the longest storable message (the local cap behind the token cap)', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({
      kind: 'stream',
      chunks: Array.from({ length: 7 }, (_, i) => String(i).repeat(1_500)),
    });
    const events = await askStreaming(assistant.server.port, user, 'Say a lot').done;
    const reply = events.at(-1);
    expect(reply?.type === 'reply' && reply.message.body.length).toBe(10_000);
    const streamed = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(streamed.length).toBe(10_000);
  });

  it('reads the text that follows a tool call', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({ kind: 'stream', first: 'tool_call', chunks: ['Done ', 'looking.'] });
    const events = await askStreaming(assistant.server.port, user, 'Look something up').done;
    expect(events.at(-1)).toMatchObject({ type: 'reply', message: { body: 'Done looking.' } });
  });

  it('finishes and stores the reply when the client goes away mid-stream', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({ kind: 'stream', chunks: ['first half, ', 'second half'], pauseAfter: 1 });
    const asked = askStreaming(assistant.server.port, user, 'Tell me a long story');
    await asked.deltaArrived;
    await assistant.fake.paused();
    asked.leave();
    assistant.fake.release();

    const { conversation_id } = await chatOf(user);
    await eventually(async () =>
      (await storedMessages(db(), conversation_id)).some((m) => m.body === 'first half, second half'),
    );
    const chat = await chatOf(user);
    expect(chat.messages.at(-1)).toMatchObject({
      body: 'first half, second half',
      sender_id: chat.assistant_user_id,
    });
    expect(chat.messages.filter((m) => m.body === 'first half, second half')).toHaveLength(1);
  });

  it('keeps other requests answered while a reply is being written (P8)', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({ kind: 'stream', chunks: ['slow ', 'reply'], pauseAfter: 1 });
    const asked = askStreaming(assistant.server.port, user, 'Take your time');
    await assistant.fake.paused();
    const started = Date.now();
    expect((await assistant.api.get('/readyz')).status).toBe(200);
    expect((await trpc(user).users.me.query()).id).toBe(user.id);
    expect(Date.now() - started).toBeLessThan(500);
    assistant.fake.release();
    await asked.done;
    asked.leave();
  });
});

describe('the whole reply (REST v1)', () => {
  it('answers the stored question and reply, read from a plain JSON completion whose reasoning comes first', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({ kind: 'json', reasoning: 'Thinking it through.', content: 'Paris.' });
    const answer = await assistant.api.post<{
      conversation_id: number;
      question: { body: string; sender_id: number };
      reply: { body: string; sender_id: number };
    }>('/api/v1/assistant/messages', { message: 'Capital of France?' }, { token: user.token });
    expect(answer.status).toBe(200);
    expect(answer.body.question).toMatchObject({ body: 'Capital of France?', sender_id: user.id });
    expect(answer.body.reply.body).toBe('Paris.');
    expect(assistant.fake.requests.at(-1)?.body.stream).toBeFalsy();

    const chat = await assistant.api.get<{ conversation_id: number; messages: { body: string }[] }>(
      '/api/v1/assistant',
      {
        token: user.token,
      },
    );
    expect(chat.status).toBe(200);
    expect(chat.body.conversation_id).toBe(answer.body.conversation_id);
    expect(chat.body.messages.map((m) => m.body).slice(-2)).toEqual(['Capital of France?', 'Paris.']);
  });

  it('streams as server-sent events when asked to, with a failure after the start as a last error event', async () => {
    const user = await createUser(assistant.api);
    const sse = async (message: string) => {
      const response = await askOverSse(assistant.server.baseUrl, user, message);
      const text = await response.text();
      const isStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
      const events = (isStream ? text : '')
        .split('\n\n')
        .filter((block) => block.trim() !== '')
        .map((block) => {
          const [eventLine, dataLine] = block.split('\n');
          return {
            event: eventLine?.replace('event: ', ''),
            data: JSON.parse(dataLine?.replace('data: ', '') ?? ''),
          };
        });
      return { status: response.status, type: response.headers.get('content-type'), text, events };
    };

    assistant.fake.script({ kind: 'stream', chunks: ['Streamed ', 'over SSE.'] });
    const ok = await sse('Stream it');
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/event-stream/);
    expect(ok.events.map((e) => e.event)).toEqual(['question', 'delta', 'delta', 'reply']);
    expect(ok.events[0]?.data.message.body).toBe('Stream it');
    expect(ok.events[3]?.data.message.body).toBe('Streamed over SSE.');

    assistant.fake.script({ kind: 'error', status: 500 });
    const failed = await sse('Fail it');
    expect(failed.events.map((e) => e.event)).toEqual(['question', 'error']);
    expect(failed.events[1]?.data).toEqual({
      status: 502,
      message: "The assistant's model server failed (HTTP 500)",
    });

    const invalid = await sse('   ');
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text)).toMatchObject({ message: 'Message cannot be empty' });
  });

  it('refuses bad input with a clear 400 and stores nothing', async () => {
    const user = await createUser(assistant.api);
    const before = assistant.fake.requests.length;
    const bodies: unknown[] = [
      {},
      { message: '' },
      { message: '   ' },
      { message: 42 },
      { message: 'x'.repeat(10_001) },
      { message: 'hi', conversation_id: 'abc' },
      { message: 'hi', extra: true },
    ];
    for (const body of bodies) {
      const answer = await assistant.api.post<{ message: string }>('/api/v1/assistant/messages', body, {
        token: user.token,
      });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.message).toEqual(expect.any(String));
    }
    const malformed = await assistant.api.post('/api/v1/assistant/messages', undefined, {
      token: user.token,
      raw: '{"message":',
    });
    expect(malformed.status).toBe(400);
    expect(assistant.fake.requests.length).toBe(before);
    const chat = await chatOf(user);
    expect(chat.messages).toHaveLength(1);
  });

  it('needs a token', async () => {
    expect((await assistant.api.get('/api/v1/assistant')).status).toBe(401);
    expect((await assistant.api.post('/api/v1/assistant/messages', { message: 'hi' })).status).toBe(401);
  });
});

describe('history within its budget', () => {
  // The budget: AI_HISTORY_MESSAGES=4 and AI_HISTORY_CHARS=300 (assistantEnv).
  it('sends at most the newest four messages', async () => {
    const user = await createUser(assistant.api);
    const questions = ['a', 'b', 'c'].map((letter) => letter.repeat(60));
    for (const question of questions) {
      assistant.fake.script({ kind: 'json', content: `re ${question[0]}` });
      await trpc(user).assistant.ask.mutate({ message: question });
    }
    const sent = assistant.fake.requests.at(-1)?.body.messages ?? [];
    expect(sent).toEqual([
      { role: 'system', content: 'You are a test assistant.' },
      { role: 'assistant', content: 're a' },
      { role: 'user', content: questions[1] },
      { role: 'assistant', content: 're b' },
      { role: 'user', content: questions[2] },
    ]);
  });

  it('stops at the character budget, always sending the question', async () => {
    const user = await createUser(assistant.api);
    const questions = ['d', 'e', 'f'].map((letter) => letter.repeat(150));
    for (const question of questions) {
      assistant.fake.script({ kind: 'json', content: 'ok' });
      await trpc(user).assistant.ask.mutate({ message: question });
    }
    const sent = assistant.fake.requests.at(-1)?.body.messages ?? [];
    // f (150) + ok (2) + e (150) would pass 300 characters.
    expect(sent.slice(1)).toEqual([
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: questions[2] },
    ]);
    const chars = sent.slice(1).reduce((sum, turn) => sum + turn.content.length, 0);
    expect(chars).toBeLessThanOrEqual(300);
  });
});

describe('one chat per user, its owner only', () => {
  it('creates one chat, with one greeting, under concurrent first calls', async () => {
    const user = await createUser(assistant.api);
    const chats = await Promise.all(Array.from({ length: 6 }, () => chatOf(user)));
    expect(new Set(chats.map((c) => c.conversation_id)).size).toBe(1);
    expect(chats.filter((c) => c.created)).toHaveLength(1);
    const id = chats[0]?.conversation_id ?? 0;
    const members = await db()
      .selectFrom('conversation_members')
      .select('user_id')
      .where('conversation_id', '=', id)
      .execute();
    expect(members.map((m) => m.user_id).sort()).toEqual([user.id, chats[0]?.assistant_user_id].sort());
    expect(await storedMessages(db(), id)).toHaveLength(1);
  });

  it("keeps another user out of someone's assistant chat, through these routes and the ordinary ones (S8)", async () => {
    const [owner, other] = [await createUser(assistant.api), await createUser(assistant.api)];
    const own = await chatOf(owner);
    const theirs = await chatOf(other);
    expect(theirs.conversation_id).not.toBe(own.conversation_id);
    const before = assistant.fake.requests.length;

    const asOther = trpc(other);
    expect(
      await statusOf(
        asOther.assistant.ask.mutate({ message: 'let me in', conversation_id: own.conversation_id }),
      ),
    ).toBe(404);
    expect(await statusOf(asOther.messages.list.query({ conversation_id: own.conversation_id }))).toBe(404);
    expect(
      await statusOf(asOther.messages.send.mutate({ conversation_id: own.conversation_id, body: 'hello' })),
    ).toBe(404);
    const rest = await assistant.api.get(`/api/v1/conversations/${own.conversation_id}/messages`, {
      token: other.token,
    });
    expect(rest.status).toBe(404);
    const listed = await asOther.conversations.list.query();
    expect(listed.conversations.map((c) => c.id)).not.toContain(own.conversation_id);

    expect(assistant.fake.requests.length).toBe(before);
    expect(await storedMessages(db(), own.conversation_id)).toHaveLength(1);
    // The assistant's account is not offered as a person to chat with.
    const people = await asOther.users.list.query();
    expect(people.map((p) => p.id)).not.toContain(own.assistant_user_id);
  });
});
