import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from './support/accounts';
import type { TestClient } from './support/http';
import { type Envelope, HASHED, type LegacyChat, legacyCalls, startLegacyChat } from './support/legacy-chat';
import { dataUrl, filesUnder, pngWithExif, webm } from './support/media';
import type { TestServer } from './support/server';
import { isChatFrame, LegacySocketClient } from './support/sockets';

// Contract §3.4 (/update/ profile), §3.9 (/sendMessage/ media), §4.3 (WS chat_message media) and §6, with the
// fixes of §11: C11 (no orphan message), C24–C26 (profile: null / bad base64 are 400s, nothing stored), S22 (names
// are unguessable), S31 (the content decides the type). Media URLs are the relative paths the client prefixes.

let fixture: LegacyChat;
let server: TestServer;
let api: TestClient;
let alice: TestUser;
let bob: TestUser;
let chat: number;
let media: LegacyChat['media'];
const sockets: LegacySocketClient[] = [];

beforeAll(async () => {
  fixture = await startLegacyChat();
  ({ server, api, alice, bob, chat, media } = fixture);
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await fixture.close();
});

const { send: sendMessage, stored: storedNow, download } = legacyCalls(() => fixture);

describe('legacy WS chat_message with media', () => {
  it('delivers an image message to both members with a relative ImgMessages/ media_url', async () => {
    const aliceSocket = await LegacySocketClient.connect(server.port, alice.token);
    const bobSocket = await LegacySocketClient.connect(server.port, bob.token);
    sockets.push(aliceSocket, bobSocket);
    const image = await pngWithExif(30, 30, { r: 0, g: 200, b: 0 });
    aliceSocket.send({
      type: 'chat_message',
      conversation_id: chat,
      msg_type: 'image',
      body: '',
      media: dataUrl(image, 'image/png'),
    });
    const isImage = (frame: Record<string, unknown>) => isChatFrame(frame) && frame.type === 'image';
    const [seenByAlice, seenByBob] = await Promise.all([aliceSocket.next(isImage), bobSocket.next(isImage)]);
    expect(seenByBob).toEqual(seenByAlice);
    expect(seenByBob).toMatchObject({ type: 'image', body: '', conversation_id: chat, sender_id: alice.id });
    expect(seenByBob.media_url).toMatch(HASHED('ImgMessages', 'png'));
    const { response } = await download(String(seenByBob.media_url));
    expect(response.status).toBe(200);

    const list = await api.get<Envelope<Array<{ conversation_id: number; latest_message_body: string }>>>(
      '/getAllConversations/',
      { token: bob.token },
    );
    expect(list.body.data.find((c) => c.conversation_id === chat)?.latest_message_body).toBe('image..');
  });

  it('delivers a WebM voice note; a text frame with media "" is plain text; bad base64 is an error frame', async () => {
    const aliceSocket = await LegacySocketClient.connect(server.port, alice.token);
    const bobSocket = await LegacySocketClient.connect(server.port, bob.token);
    sockets.push(aliceSocket, bobSocket);
    const note = webm();
    aliceSocket.send({
      type: 'chat_message',
      conversation_id: chat,
      msg_type: 'audio',
      body: '',
      media: dataUrl(note, 'audio/webm;codecs=opus'),
    });
    const audio = await bobSocket.next((f) => isChatFrame(f) && f.type === 'audio');
    expect(audio.media_url).toMatch(HASHED('AudioMessages', 'webm'));
    const { response, bytes } = await download(String(audio.media_url));
    expect(response.headers.get('content-type')).toBe('audio/webm');
    expect(bytes.equals(note)).toBe(true);

    aliceSocket.send({
      type: 'chat_message',
      conversation_id: chat,
      msg_type: 'text',
      body: 'hey',
      media: '',
    });
    const textFrame = await bobSocket.next((f) => isChatFrame(f) && f.body === 'hey');
    expect(textFrame).toMatchObject({ type: 'text', media_url: null });

    const before = await storedNow();
    aliceSocket.send({ type: 'chat_message', conversation_id: chat, msg_type: 'image', media: 'abc!' });
    expect(await aliceSocket.next((f) => 'error' in f)).toEqual({ error: 'Invalid base64 media' });
    expect(await storedNow()).toEqual(before);
  });
});

describe('deleting a media message', () => {
  it('removes its file once no other message uses the same bytes', async () => {
    const image = await pngWithExif(24, 24, { r: 1, g: 2, b: 3 });
    const send = async () => {
      const res = await sendMessage(alice, {
        conversation_id: chat,
        type: 'image',
        media: dataUrl(image, 'image/png'),
      });
      expect(res.status).toBe(201);
      return res.body.data;
    };
    const first = await send();
    const second = await send();
    // The same bytes are one file, shared by two messages.
    expect(second.media_url).toBe(first.media_url);
    const path = first.media_url ?? '';
    const thumb = (
      await server.app.deps.db
        .selectFrom('media')
        .select('thumb_path')
        .where('path', '=', path)
        .executeTakeFirstOrThrow()
    ).thumb_path;

    const deleted = await api.post<Envelope<{ media_url: string | null }>>(
      '/deleteMessage/',
      { message_id: first.id },
      { token: alice.token },
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body.data.media_url).toBeNull();
    expect(filesUnder(media.root)).toContain(path);

    await api.post('/deleteMessage/', { message_id: second.id }, { token: alice.token });
    expect(filesUnder(media.root)).not.toContain(path);
    expect(filesUnder(media.root)).not.toContain(thumb);
    expect((await download(path)).response.status).toBe(404);
  });
});

describe('no orphan when the transaction fails after the file was written', () => {
  it('removes the new file and rolls back its media row; keeps a file another row still uses', async () => {
    const deps = server.app.deps;
    // A database whose message INSERT fails: the failure lands inside the transaction, after the file is on disk.
    const failingDb = deps.db.withPlugin({
      transformQuery(args) {
        const node = args.node as { kind: string; into?: { table: { identifier: { name: string } } } };
        if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'messages') {
          throw new Error('simulated failure');
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const { createRuntime, messages } = await import('@chatapp/domain');
    // Writes go through the runtime's group commit, so the failing deps get a runtime of their own on that database
    // (sharing the server's hub and presence; never started, so nothing of it needs closing).
    const runtime = createRuntime({
      database: { ...server.app.database, db: failingDb },
      hub: deps.runtime.hub,
      presence: deps.runtime.presence,
    });
    const failing = { ...deps, db: failingDb, runtime };
    const send = (image: Buffer) =>
      messages.sendMessage(failing, alice.id, {
        conversationId: chat,
        content: { type: 'image', media: { data: image.toString('base64') } },
      });

    const before = await storedNow();
    await expect(send(await pngWithExif(33, 33, { r: 9, g: 9, b: 9 }))).rejects.toThrow('simulated failure');
    expect(await storedNow()).toEqual(before);

    // The same bytes already stored for another message: that file must survive the failed send.
    const shared = await pngWithExif(34, 34, { r: 8, g: 8, b: 8 });
    const ok = await sendMessage(alice, {
      conversation_id: chat,
      type: 'image',
      media: dataUrl(shared, 'image/png'),
    });
    expect(ok.status).toBe(201);
    const stored = await storedNow();
    await expect(send(shared)).rejects.toThrow('simulated failure');
    expect(await storedNow()).toEqual(stored);
    expect((await download(ok.body.data.media_url ?? '')).response.status).toBe(200);
  });
});
