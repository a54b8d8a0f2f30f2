import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from './support/accounts';
import type { TestClient } from './support/http';
import { type Envelope, type LegacyChat, legacyCalls, startLegacyChat, Z_TIME } from './support/legacy-chat';

// Contract §3.9–3.12 (sendMessage, getConversationMessages, updateMessage, deleteMessage) with the fixes of §11:
// S4/S5 (members only), C8 (delete answers the new status), C9 (deleted content never returned), C10/R3 (an edit
// cannot undo a delete), C12 (the client cannot set the status), C45 (sender fields for every sender).

let fixture: LegacyChat;
let api: TestClient;
let alice: TestUser;
let bob: TestUser;
let eve: TestUser;
let chat: number;

beforeAll(async () => {
  fixture = await startLegacyChat();
  ({ api, alice, bob, eve, chat } = fixture);
});
afterAll(() => fixture.close());

const { send, sendText, history, messageCount } = legacyCalls(() => fixture);

describe('POST /sendMessage/', () => {
  it('sends: 201 with exactly the legacy fields and a "Z" time', async () => {
    const res = await send(alice, { conversation_id: chat, type: 'text', body: 'hello' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      success: true,
      message: 'Message sent successfully',
      data: {
        id: expect.any(Number),
        type: 'text',
        body: 'hello',
        media_url: null,
        sender_id: alice.id,
        conversation_id: chat,
        created_at: expect.stringMatching(Z_TIME),
      },
    });
  });

  it('accepts a numeric-string id and an upper-case type; the client cannot choose the status (C12)', async () => {
    const res = await send(bob, {
      conversation_id: String(chat),
      type: 'TEXT',
      body: 'hi',
      status: 'delete',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ type: 'text', conversation_id: chat });
    const listed = (await history(alice)).find((m) => m.id === res.body.data.id);
    expect(listed?.status).toBe('active');
    expect(listed?.body).toBe('hi');
  });

  it('defaults the type to text', async () => {
    const res = await send(alice, { conversation_id: chat, body: 'no type' });
    expect(res.status).toBe(201);
    expect(res.body.data.type).toBe('text');
  });

  it('answers a missing conversation_id with the legacy text', async () => {
    for (const body of [
      { body: 'x' },
      { conversation_id: '', body: 'x' },
      { conversation_id: null, body: 'x' },
    ]) {
      const res = await send(alice, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, error: 'conversation_id is required' });
    }
  });

  it('answers 404 "Conversation not found" for unknown ids and for non-members alike, storing nothing (S4)', async () => {
    const before = await messageCount();
    const unknown = await send(alice, { conversation_id: 987_654, type: 'text', body: 'x' });
    const outsider = await send(eve, { conversation_id: chat, type: 'text', body: 'intrusion' });
    for (const res of [unknown, outsider]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ success: false, error: 'Conversation not found' });
    }
    expect(await messageCount()).toBe(before);
  });

  it('refuses media that is not an image or audio, empty bodies and unknown types, storing nothing', async () => {
    const before = await messageCount();
    // "hello" in base64: valid base64, but neither an image nor audio (media.*.test.ts covers media in depth).
    for (const type of ['image', 'audio']) {
      const res = await send(alice, { conversation_id: chat, type, media: 'aGVsbG8=' });
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ success: false, error: expect.stringContaining('Unsupported media') });
    }
    for (const [body, text] of [
      [{ conversation_id: chat, type: 'text', body: '   ' }, 'Message body cannot be empty'],
      [{ conversation_id: chat, type: 'text' }, 'Message body cannot be empty'],
    ] as const) {
      const res = await send(alice, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, error: text });
    }
    const weird = await send(alice, { conversation_id: chat, type: 'video', body: 'x' });
    expect(weird.status).toBe(400);
    expect(weird.body).toEqual({ success: false, error: expect.stringContaining('type') });
    expect(await messageCount()).toBe(before);
  });

  it('is idempotent with client_message_id: retries return the first message, also concurrently', async () => {
    const before = await messageCount();
    const first = await send(alice, { conversation_id: chat, body: 'once', client_message_id: 'retry-1' });
    expect(first.status).toBe(201);
    const retry = await send(alice, {
      conversation_id: chat,
      body: 'once again?',
      client_message_id: 'retry-1',
    });
    expect(retry.status).toBe(200);
    expect(retry.body.data).toEqual(first.body.data);

    const burst = await Promise.all(
      Array.from({ length: 10 }, () =>
        send(bob, { conversation_id: chat, body: 'burst', client_message_id: 'b-1' }),
      ),
    );
    expect(new Set(burst.map((res) => res.body.data.id)).size).toBe(1);
    expect(burst.filter((res) => res.status === 201)).toHaveLength(1);
    expect(await messageCount()).toBe(before + 2);
  });

  it('needs a token (401 family A) and POST (405 before 401)', async () => {
    const res = await api.post('/sendMessage/', { conversation_id: chat, body: 'x' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ success: false, message: 'Unauthorized', data: null });
    expect((await api.get('/sendMessage/')).status).toBe(405);
  });
});

describe('POST /getConversationMessages/', () => {
  it('lists every message oldest first, with the legacy fields and sender details', async () => {
    const id = await sendText(alice, 'listed');
    const list = await history(bob);
    expect(list.map((m) => m.id)).toEqual([...list.map((m) => m.id)].sort((a, b) => a - b));
    expect(list.find((m) => m.id === id)).toEqual({
      id,
      type: 'text',
      body: 'listed',
      media_url: null,
      status: 'active',
      is_edited: false,
      created_at: expect.stringMatching(Z_TIME),
      updated_at: expect.stringMatching(Z_TIME),
      conversation_id: chat,
      sender_id: alice.id,
      sender_first_name: 'Alice',
      sender_last_name: "O'Neil",
      sender_username: alice.username,
      sender_profile: null,
    });
  });

  it('accepts a numeric string', async () => {
    const res = await api.post<Envelope<unknown[]>>(
      '/getConversationMessages/',
      { conversation_id: String(chat) },
      { token: alice.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Messages fetched successfully');
  });

  it('answers missing, unknown and foreign conversations without leaking anything (S5)', async () => {
    const missing = await api.post('/getConversationMessages/', {}, { token: alice.token });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ success: false, error: 'conversation_id is required' });
    for (const [caller, conversationId] of [
      [alice, 987_654],
      [eve, chat],
    ] as const) {
      const res = await api.post(
        '/getConversationMessages/',
        { conversation_id: conversationId },
        { token: caller.token },
      );
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ success: false, error: 'Conversation not found' });
    }
  });
});
