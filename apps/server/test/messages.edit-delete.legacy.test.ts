import { messages } from '@chatapp/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import type { TestClient } from './support/http';
import {
  type Envelope,
  type LegacyChat,
  legacyCalls,
  OFFSET_TIME,
  startLegacyChat,
} from './support/legacy-chat';
import type { TestServer } from './support/server';

// Contract §3.9–3.12 (sendMessage, getConversationMessages, updateMessage, deleteMessage) with the fixes of §11:
// S4/S5 (members only), C8 (delete answers the new status), C9 (deleted content never returned), C10/R3 (an edit
// cannot undo a delete), C12 (the client cannot set the status), C45 (sender fields for every sender).

let fixture: LegacyChat;
let server: TestServer;
let api: TestClient;
let alice: TestUser;
let bob: TestUser;
let eve: TestUser;

beforeAll(async () => {
  fixture = await startLegacyChat();
  ({ server, api, alice, bob, eve } = fixture);
});
afterAll(() => fixture.close());

const { sendText, history, edit, remove } = legacyCalls(() => fixture);

describe('PUT /updateMessage/', () => {
  it('edits: 200 with the legacy fields and a "+00:00" time; the list shows it edited', async () => {
    const id = await sendText(alice, 'typo');
    const res = await edit(alice, { message_id: id, message_body: 'fixed' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: 'Message updated successfully',
      data: {
        id,
        body: 'fixed',
        status: 'active',
        is_edited: true,
        updated_at: expect.stringMatching(OFFSET_TIME),
      },
    });
    const listed = (await history(bob)).find((m) => m.id === id);
    expect(listed).toMatchObject({ body: 'fixed', is_edited: true, status: 'active' });
    const versions = await server.app.deps.db
      .selectFrom('message_edits')
      .select('previous_body')
      .where('message_id', '=', id)
      .execute();
    expect(versions.map((v) => v.previous_body)).toEqual(['typo']);
  });

  it('requires message_id and message_body (family A)', async () => {
    for (const body of [
      {},
      { message_id: 1 },
      { message_body: 'x' },
      { message_id: 1, message_body: null },
    ]) {
      const res = await edit(alice, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        success: false,
        message: 'message_id and message_body are required.',
        data: null,
      });
    }
  });

  it('answers unknown messages and messages of other conversations with 404, changing nothing', async () => {
    const id = await sendText(alice, 'mine');
    for (const [caller, messageId] of [
      [alice, 987_654],
      [eve, id],
    ] as const) {
      const res = await edit(caller, { message_id: messageId, message_body: 'hacked' });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ success: false, message: 'Message not found.', data: null });
    }
    expect((await history(alice)).find((m) => m.id === id)?.body).toBe('mine');
  });

  it("refuses another member's message (403), deleted messages and empty bodies (400)", async () => {
    const id = await sendText(alice, 'original');
    const notMine = await edit(bob, { message_id: id, message_body: 'bob was here' });
    expect(notMine.status).toBe(403);
    expect(notMine.body).toEqual({
      success: false,
      message: 'You are not allowed to update this message.',
      data: null,
    });

    const empty = await edit(alice, { message_id: id, message_body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ success: false, message: 'Message body cannot be empty', data: null });

    expect((await remove(alice, { message_id: id })).status).toBe(200);
    const deleted = await edit(alice, { message_id: id, message_body: 'back from the dead' });
    expect(deleted.status).toBe(400);
    expect(deleted.body).toEqual({
      success: false,
      message: 'Deleted messages cannot be updated.',
      data: null,
    });
    expect((await history(alice)).find((m) => m.id === id)).toMatchObject({ status: 'delete', body: '' });
  });

  it('answers DRF-style for bodies it cannot parse', async () => {
    const res = await api.put('/updateMessage/', undefined, {
      token: alice.token,
      raw: 'message_id=1',
      contentType: 'text/plain',
    });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
  });
});

describe('POST /deleteMessage/', () => {
  it('deletes: 200 with the NEW status and no content (C8, C9)', async () => {
    const id = await sendText(alice, 'to be deleted');
    const res = await remove(alice, { message_id: String(id) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      message: 'Message deleted successfully',
      data: { id, type: 'text', body: '', status: 'delete', media_url: null, sender_id: alice.id },
    });
  });

  it('keeps a deleted message listed as deleted, but never its body or edit history, anywhere (C9)', async () => {
    const id = await sendText(bob, 'first draft of a secret');
    expect((await edit(bob, { message_id: id, message_body: 'second draft of a secret' })).status).toBe(200);
    expect((await remove(bob, { message_id: id })).status).toBe(200);

    for (const viewer of [alice, bob]) {
      const listed = (await history(viewer)).find((m) => m.id === id);
      expect(listed).toMatchObject({ id, status: 'delete', body: '', media_url: null });
      const conversations = await api.get<Envelope<Array<{ latest_message_body: string | null }>>>(
        '/getAllConversations/',
        { token: viewer.token },
      );
      expect(JSON.stringify(conversations.body)).not.toContain('secret');
    }
    const stored = await server.app.deps.db
      .selectFrom('messages')
      .select(['body', 'status', 'deleted_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ body: '', status: 'delete' });
    expect(stored.deleted_at).toEqual(expect.any(Number));
    const edits = await server.app.deps.db
      .selectFrom('message_edits')
      .select('id')
      .where('message_id', '=', id)
      .execute();
    expect(edits).toEqual([]);
  });

  it('answers the legacy errors: missing, not found (also for outsiders), not the sender, already deleted', async () => {
    const id = await sendText(alice, 'guarded');
    const cases: Array<[TestUser, Record<string, unknown>, number, string]> = [
      [alice, {}, 400, 'message_id is required'],
      [alice, { message_id: 987_654 }, 404, 'Message not found'],
      [eve, { message_id: id }, 404, 'Message not found'],
      [bob, { message_id: id }, 403, 'Sender not authorized'],
    ];
    for (const [caller, body, status, error] of cases) {
      const res = await remove(caller, body);
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ success: false, error });
    }
    expect((await remove(alice, { message_id: id })).status).toBe(200);
    const again = await remove(alice, { message_id: id });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ success: false, error: 'Message already deleted' });
  });

  it('never lets a concurrent edit bring a deleted message back (C10, R3)', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => sendText(alice, `race ${i}`)));
    await Promise.all(
      ids.flatMap((id) => [
        edit(alice, { message_id: id, message_body: `edited ${id}` }),
        remove(alice, { message_id: id }),
        edit(alice, { message_id: id, message_body: `edited again ${id}` }),
      ]),
    );
    const rows = await server.app.deps.db
      .selectFrom('messages')
      .select(['id', 'status', 'body'])
      .where('id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).toMatchObject({ status: 'delete', body: '' });
  });

  it('refuses an edit whose checks passed before a concurrent delete landed (R3)', async () => {
    const deps = server.app.deps;
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => sendText(alice, `interleaved ${i}`)));
    for (const id of ids) {
      // Started together, all three read the message (active) before any of them writes; on SQLite the second
      // edit then writes after the delete (on MariaDB the order varies). Whatever the order, the delete wins.
      const [, deleted] = await Promise.allSettled([
        messages.editMessage(deps, alice.id, id, 'edit before'),
        messages.deleteMessage(deps, alice.id, id),
        messages.editMessage(deps, alice.id, id, 'edit after'),
      ]);
      expect(deleted.status).toBe('fulfilled');
      const row = await deps.db
        .selectFrom('messages')
        .select(['status', 'body'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'delete', body: '' });
    }
  });
});

describe('a whole legacy conversation', () => {
  it('two users chat, edit and delete, and see the same history and correct unread counts', async () => {
    const carol = await createUser(api);
    const dave = await createUser(api);
    const opened = await api.post<Envelope<{ conversation_id: number }>>(
      '/getConversation/',
      { user_id: String(dave.id), is_group: false },
      { token: carol.token },
    );
    expect(opened.status).toBe(201);
    const room = opened.body.data.conversation_id;
    const m1 = await sendText(carol, 'hi dave', room);
    const m2 = await sendText(carol, 'are you there?', room);
    await sendText(dave, 'yes', room);
    expect((await edit(carol, { message_id: m1, message_body: 'hi Dave' })).status).toBe(200);
    expect((await remove(carol, { message_id: m2 })).status).toBe(200);

    const seenByCarol = await history(carol, room);
    const seenByDave = await history(dave, room);
    expect(seenByDave).toEqual(seenByCarol);
    expect(seenByDave.map((m) => [m.body, m.status, m.is_edited])).toEqual([
      ['hi Dave', 'active', true],
      ['', 'delete', false],
      ['yes', 'active', false],
    ]);

    const unread = async (who: TestUser) => {
      const res = await api.get<Envelope<Array<{ conversation_id: number; unread_count: number }>>>(
        '/getAllConversations/',
        { token: who.token },
      );
      return res.body.data.find((c) => c.conversation_id === room)?.unread_count;
    };
    // Dave replied after carol's messages, so he has read them; carol has dave's reply unread.
    expect(await unread(dave)).toBe(0);
    expect(await unread(carol)).toBe(1);
  });
});
