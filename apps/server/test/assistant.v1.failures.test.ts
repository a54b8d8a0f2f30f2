import { openDatabase } from '@chatapp/db';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { askStreaming, assistantEnv, sharedAssistantServer } from './support/assistant';
import { createTestDatabase } from './support/database';
import { client } from './support/http';
import { procedures } from './support/procedures';
import { startTestServer } from './support/server';

// The assistant when the model server fails, is too slow, or the caller asks too often: each failure answers
// clearly (502, 504, 429) and nothing false is stored; a failed question asked again is stored once; and a reply
// still being written when the server stops is finished and stored first. The happy paths are in assistant.v1.test.ts.

const assistant = sharedAssistantServer();

const { trpc, statusOf } = procedures(() => assistant.server);
const chatOf = (user: TestUser) => trpc(user).assistant.conversation.query();

describe('failures answer clearly and store nothing false', () => {
  it('answers 502 when the model server fails, keeping the question and storing no reply (C41)', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({ kind: 'error', status: 500 });
    expect(await statusOf(trpc(user).assistant.ask.mutate({ message: 'Are you there?' }))).toBe(502);

    assistant.fake.script({ kind: 'error', status: 500 });
    const streamed = askStreaming(assistant.server.port, user, 'Still there?');
    await expect(streamed.done).rejects.toMatchObject({ data: { httpStatus: 502 } });
    streamed.leave();

    assistant.fake.script({ kind: 'json', content: null, toolCall: true });
    const rest = await assistant.api.post<{ message: string }>(
      '/api/v1/assistant/messages',
      { message: 'Only tools?' },
      { token: user.token },
    );
    expect(rest.status).toBe(502);
    expect(rest.body.message).toMatch(/assistant/i);

    const chat = await chatOf(user);
    expect(chat.messages.map((m) => [m.sender_id === user.id ? 'user' : 'assistant', m.body])).toEqual([
      ['assistant', `Hello ${user.username}, how can I help you? 👋`],
      ['user', 'Are you there?'],
      ['user', 'Still there?'],
      ['user', 'Only tools?'],
    ]);
  });

  it('asks a failed question again without storing it twice (Try again after a 502), and an answered one anew', async () => {
    const user = await createUser(assistant.api);
    const greeting = `Hello ${user.username}, how can I help you? 👋`;
    assistant.fake.script({ kind: 'error', status: 500 });
    expect(await statusOf(trpc(user).assistant.ask.mutate({ message: 'Once more?' }))).toBe(502);
    assistant.fake.script({ kind: 'json', content: 'Yes.' });
    const retried = await trpc(user).assistant.ask.mutate({ message: '  Once more?  ' });
    const bodies = async () => (await chatOf(user)).messages.map((m) => m.body);
    expect(await bodies()).toEqual([greeting, 'Once more?', 'Yes.']);
    expect(retried.question.id).toBe((await chatOf(user)).messages[1]?.id);
    // The model heard the question once.
    const sent = assistant.fake.requests.at(-1)?.body.messages as { role: string; content: string }[];
    expect(sent.filter((turn) => turn.content === 'Once more?')).toHaveLength(1);

    // Once answered, the same words are a new question.
    assistant.fake.script({ kind: 'json', content: 'Still yes.' });
    await trpc(user).assistant.ask.mutate({ message: 'Once more?' });
    expect(await bodies()).toEqual([greeting, 'Once more?', 'Yes.', 'Once more?', 'Still yes.']);
  });

  it('answers 504 when the model server is too slow, and stores no reply', async () => {
    const user = await createUser(assistant.api);
    assistant.fake.script({ kind: 'hang' });
    const started = Date.now();
    const answer = await assistant.api.post<{ message: string }>(
      '/api/v1/assistant/messages',
      { message: 'Hello?' },
      { token: user.token },
    );
    expect(answer.status).toBe(504);
    expect(answer.body.message).toBe('The assistant did not answer in time');
    expect(Date.now() - started).toBeLessThan(3_000);
    const chat = await chatOf(user);
    expect(chat.messages.map((m) => m.body)).toEqual([
      `Hello ${user.username}, how can I help you? 👋`,
      'Hello?',
    ]);
  });

  it('answers 429 past the per-user rate, before storing or asking anything', async () => {
    const [user, other] = [await createUser(assistant.api), await createUser(assistant.api)];
    for (let i = 0; i < 5; i += 1) await trpc(user).assistant.ask.mutate({ message: `question ${i}` });
    const before = assistant.fake.requests.length;
    expect(await statusOf(trpc(user).assistant.ask.mutate({ message: 'one too many' }))).toBe(429);
    expect(assistant.fake.requests.length).toBe(before);
    const chat = await chatOf(user);
    expect(chat.messages.map((m) => m.body)).not.toContain('one too many');
    // Another user's rate is their own.
    await trpc(other).assistant.ask.mutate({ message: 'my first question' });
  });
});

describe('shutdown', () => {
  it('finishes and stores a reply still being written before the database closes', async () => {
    const database = await createTestDatabase();
    try {
      const own = await startTestServer(assistantEnv(assistant.fake), { database });
      const user = await createUser(client(own.baseUrl));
      assistant.fake.script({ kind: 'stream', chunks: ['written before ', 'shutdown'], pauseAfter: 1 });
      const asked = askStreaming(own.port, user, 'Quick, before you go');
      await assistant.fake.paused();
      const closing = own.app.close(1_000);
      setTimeout(() => assistant.fake.release(), 100);
      await closing;
      asked.leave();

      const reopened = openDatabase(database.url);
      const bodies = await reopened.db.selectFrom('messages').select('body').execute();
      await reopened.close();
      expect(bodies.map((m) => m.body)).toContain('written before shutdown');
    } finally {
      await database.drop();
    }
  });
});
