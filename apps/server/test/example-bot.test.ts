import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChatClient } from '@chatapp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, startBot } from '../../../examples/bot/src/bot';
import { PASSWORD } from './support/accounts';
import { startTestServer, type TestServer } from './support/server';
import { eventually } from './support/sockets';

const BOT_SOURCE = join(import.meta.dirname, '../../../examples/bot/src');

let server: TestServer;
let bot: Bot;

async function signUp(username: string) {
  const { api } = createChatClient({ url: server.baseUrl });
  await api.auth.signUp.mutate({ username, email: `${username}@x.com`, password: PASSWORD });
  const { id, token } = await api.auth.logIn.mutate({ username, password: PASSWORD });
  return { id, api: createChatClient({ url: server.baseUrl, token }).api };
}

/** Every message of a conversation, oldest first, as "sender: body". */
async function transcript(api: Awaited<ReturnType<typeof signUp>>['api'], conversationId: number) {
  const page = await api.messages.list.query({ conversation_id: conversationId });
  return page.messages.map((m) => `${m.sender.username}: ${m.body}`);
}

beforeAll(async () => {
  server = await startTestServer();
  await signUp('helperbot');
  bot = await startBot({ url: server.baseUrl, username: 'helperbot', password: PASSWORD });
  await bot.listening;
});
afterAll(async () => {
  bot?.stop();
  await server?.close();
});

describe('examples/bot against a real server', () => {
  it('answers a one-to-one message, and only once', async () => {
    const alice = await signUp('alice');
    const { conversation } = await alice.api.conversations.openDirect.mutate({ user_id: bot.userId });
    await alice.api.messages.send.mutate({ conversation_id: conversation.id, body: 'ping' });
    await eventually(async () => (await transcript(alice.api, conversation.id)).length === 2);
    // Its own reply reaches it too; it must not answer that.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await transcript(alice.api, conversation.id)).toEqual(['alice: ping', 'helperbot: pong']);
  });

  it('in a group, answers only messages that mention it', async () => {
    const bob = await signUp('bob');
    const carol = await signUp('carol');
    const conversation = await bob.api.conversations.createGroup.mutate({
      title: 'Team',
      user_ids: [carol.id, bot.userId],
    });
    await bob.api.messages.send.mutate({ conversation_id: conversation.id, body: 'lunch, carol?' });
    await bob.api.messages.send.mutate({
      conversation_id: conversation.id,
      body: '@helperbot what time is it',
    });
    await eventually(async () => (await transcript(bob.api, conversation.id)).length === 3);
    expect(await transcript(bob.api, conversation.id)).toEqual([
      'bob: lunch, carol?',
      'bob: @helperbot what time is it',
      'helperbot: You said: what time is it',
    ]);
  });

  it('uses only the published surface of @chatapp/client', () => {
    const imports = readdirSync(BOT_SOURCE).flatMap((file) =>
      [...readFileSync(join(BOT_SOURCE, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]),
    );
    const packages = new Set(imports.filter((specifier) => !specifier?.startsWith('./')));
    expect([...packages].sort()).toEqual(['@chatapp/client', 'ws']);
  });
});
