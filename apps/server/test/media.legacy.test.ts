import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import {
  dataUrl,
  filesUnder,
  hasGpsDirectory,
  jpegWithGps,
  pngWithExif,
  SECRET,
  tempMediaRoot,
  wav,
  webm,
} from './support/media';
import { startTestServer, type TestServer } from './support/server';
import { isChatFrame, LegacySocketClient } from './support/sockets';

// Contract §3.4 (/update/ profile), §3.9 (/sendMessage/ media), §4.3 (WS chat_message media) and §6, with the
// fixes of §11: C11 (no orphan message), C24–C26 (profile: null / bad base64 are 400s, nothing stored), S22 (names
// are unguessable), S31 (the content decides the type). Media URLs are the relative paths the client prefixes.
const HASHED = (folder: string, ext: string) => new RegExp(`^${folder}/[0-9a-f]{64}\\.${ext}$`);

interface Envelope<T> {
  success: boolean;
  message?: string;
  error?: string;
  data: T;
}
interface SentData {
  id: number;
  type: string;
  body: string;
  media_url: string | null;
}

let server: TestServer;
let media: ReturnType<typeof tempMediaRoot>;
let api: TestClient;
let alice: TestUser;
let bob: TestUser;
let chat: number;
const sockets: LegacySocketClient[] = [];

beforeAll(async () => {
  media = tempMediaRoot();
  server = await startTestServer({ MEDIA_ROOT: media.root });
  api = client(server.baseUrl);
  alice = await createUser(api);
  bob = await createUser(api);
  const opened = await api.post<Envelope<{ conversation_id: number }>>(
    '/getConversation/',
    { user_id: String(bob.id), is_group: false },
    { token: alice.token },
  );
  chat = opened.body.data.conversation_id;
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.close()));
  await server.close();
  media.remove();
});

async function rowCount(table: 'messages' | 'media'): Promise<number> {
  const row = await server.app.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Rows and files right now, to show that a refused request stored nothing at all. */
async function snapshot() {
  return {
    messages: await rowCount('messages'),
    media: await rowCount('media'),
    files: filesUnder(media.root),
  };
}

function sendMessage(user: TestUser, body: Record<string, unknown>) {
  return api.post<Envelope<SentData>>('/sendMessage/', body, { token: user.token });
}

async function download(path: string) {
  const response = await fetch(`${server.baseUrl}/media/${path}`);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('POST /sendMessage/ with media', () => {
  it('stores a PNG re-encoded without its EXIF, lists it, and serves exactly the stored bytes', async () => {
    const original = await pngWithExif(64, 48);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(hasGpsDirectory((await sharp(original).metadata()).exif)).toBe(true);

    const sent = await sendMessage(alice, {
      conversation_id: chat,
      type: 'image',
      body: 'look',
      media: dataUrl(original, 'image/png'),
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ type: 'image', body: 'look' });
    const path = sent.body.data.media_url ?? '';
    expect(path).toMatch(HASHED('ImgMessages', 'png'));

    const listed = await api.post<Envelope<Array<{ id: number; media_url: string | null; type: string }>>>(
      '/getConversationMessages/',
      { conversation_id: chat },
      { token: bob.token },
    );
    expect(listed.body.data.find((m) => m.id === sent.body.data.id)).toMatchObject({
      type: 'image',
      media_url: path,
    });

    const { response, bytes } = await download(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(bytes.equals(readFileSync(join(media.root, path)))).toBe(true);
    const stored = await sharp(bytes).metadata();
    expect(stored).toMatchObject({ format: 'png', width: 64, height: 48 });
    expect(stored.exif).toBeUndefined();
    expect(bytes.includes(SECRET)).toBe(false);

    const row = await server.app.deps.db
      .selectFrom('media')
      .selectAll()
      .where('path', '=', path)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'image',
      mime: 'image/png',
      width: 64,
      height: 48,
      owner_id: alice.id,
    });
    expect(row.thumb_path).toMatch(HASHED('ImgMessages', 'webp'));
    expect(Number(row.size_bytes)).toBe(bytes.length);
  });

  it('applies the EXIF orientation, then drops EXIF and GPS from a JPEG', async () => {
    const original = await jpegWithGps(80, 40);
    expect((await sharp(original).metadata()).orientation).toBe(6);
    const sent = await sendMessage(alice, {
      conversation_id: chat,
      type: 'IMAGE',
      media: original.toString('base64'),
    });
    expect(sent.status).toBe(201);
    const path = sent.body.data.media_url ?? '';
    expect(path).toMatch(HASHED('ImgMessages', 'jpg'));
    const { response, bytes } = await download(path);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const stored = await sharp(bytes).metadata();
    // Turned upright: 80×40 stored sideways displays as 40×80.
    expect(stored).toMatchObject({ format: 'jpeg', width: 40, height: 80 });
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(bytes.includes(SECRET)).toBe(false);
  });

  it('stores audio as sent, in AudioMessages/, named by its hash', async () => {
    const clip = wav();
    const sent = await sendMessage(alice, {
      conversation_id: chat,
      type: 'audio',
      media: dataUrl(clip, 'audio/wav'),
    });
    expect(sent.status).toBe(201);
    const path = sent.body.data.media_url ?? '';
    expect(path).toMatch(HASHED('AudioMessages', 'wav'));
    const { response, bytes } = await download(path);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(bytes.equals(clip)).toBe(true);
  });

  it('refuses every bad input with a clear 4xx and stores nothing (no message, no media row, no file)', async () => {
    const text = Buffer.from('<html><script>alert(1)</script></html>');
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ type: 'image', media: 'abc!' }, 400, 'Invalid base64 media'],
      [{ type: 'image', media: 'data:image/png;base64,iVBORw0KGgo=%%' }, 400, 'Invalid base64 media'],
      // Characters the legacy decoder silently dropped (URL-safe alphabet, stray symbols) are errors.
      [{ type: 'image', media: `${(await pngWithExif()).toString('base64url')}` }, 400, 'Invalid base64'],
      [{ type: 'image', media: 'abcde' }, 400, 'Invalid base64 media'],
      // A non-image declared and named as PNG: the content decides.
      [{ type: 'image', media: dataUrl(text, 'image/png') }, 415, 'Unsupported media'],
      // Real audio sent as an image, and a real image sent as audio.
      [{ type: 'image', media: dataUrl(wav(), 'image/png') }, 415, 'Expected an image, got audio/wav'],
      [{ type: 'audio', media: dataUrl(await pngWithExif(), 'audio/webm') }, 415, 'Expected audio'],
      [{ type: 'image' }, 400, 'An image message needs media'],
      [{ type: 'audio', media: '' }, 400, 'An audio message needs media'],
      [{ type: 'image', media: '' }, 400, 'An image message needs media'],
    ];
    const before = await snapshot();
    for (const [body, status, error] of cases) {
      const res = await sendMessage(alice, { conversation_id: chat, ...body });
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body.error).toContain(error);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('passes `media` only with image and audio: a text message ignores it, as the legacy view did', async () => {
    const res = await sendMessage(alice, { conversation_id: chat, type: 'text', body: 'hi', media: 'abc!' });
    expect(res.status).toBe(201);
    expect(res.body.data.media_url).toBeNull();
  });

  it('refuses media for a conversation the sender is not in, writing no file', async () => {
    const eve = await createUser(api);
    const before = await snapshot();
    const res = await sendMessage(eve, {
      conversation_id: chat,
      type: 'image',
      media: dataUrl(await pngWithExif(20, 20), 'image/png'),
    });
    expect(res.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('size limits', () => {
  let small: TestServer;
  let smallMedia: ReturnType<typeof tempMediaRoot>;
  let smallApi: TestClient;
  let carol: TestUser;
  let carolChat: number;

  beforeAll(async () => {
    smallMedia = tempMediaRoot();
    small = await startTestServer({
      MEDIA_ROOT: smallMedia.root,
      MEDIA_MAX_IMAGE_BYTES: '2000',
      MEDIA_MAX_AUDIO_BYTES: '3000',
      MEDIA_MAX_IMAGE_PIXELS: '10000',
    });
    smallApi = client(small.baseUrl);
    carol = await createUser(smallApi);
    const dave = await createUser(smallApi);
    const opened = await smallApi.post<Envelope<{ conversation_id: number }>>(
      '/getConversation/',
      { user_id: String(dave.id) },
      { token: carol.token },
    );
    carolChat = opened.body.data.conversation_id;
  });
  afterAll(async () => {
    await small.close();
    smallMedia.remove();
  });

  it('answers 413 for a file over its kind’s limit or an image over the pixel limit, storing nothing', async () => {
    // Random pixels do not compress: a 60×60 PNG of noise is about 11 kB.
    const noisy = await sharp(randomBytes(60 * 60 * 3), { raw: { width: 60, height: 60, channels: 3 } })
      .png()
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(2000);
    // Few bytes, many pixels: a flat 200×200 PNG is tiny but above 10,000 pixels.
    const wide = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(wide.length).toBeLessThan(2000);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'image', media: dataUrl(noisy, 'image/png') }, 'larger than the limit of 2000 bytes'],
      [{ type: 'audio', media: dataUrl(wav(1), 'audio/wav') }, 'larger than the limit of 3000 bytes'],
      [{ type: 'image', media: dataUrl(wide, 'image/png') }, 'larger than the limit of 10000 pixels'],
    ];
    for (const [body, error] of cases) {
      const res = await smallApi.post<Envelope<unknown>>(
        '/sendMessage/',
        { conversation_id: carolChat, ...body },
        { token: carol.token },
      );
      expect(res.status).toBe(413);
      expect(res.body.error).toContain(error);
    }
    expect(filesUnder(smallMedia.root)).toEqual([]);
    const rows = await small.app.deps.db.selectFrom('media').select('id').execute();
    expect(rows).toEqual([]);
  });
});

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

    const before = await snapshot();
    aliceSocket.send({ type: 'chat_message', conversation_id: chat, msg_type: 'image', media: 'abc!' });
    expect(await aliceSocket.next((f) => 'error' in f)).toEqual({ error: 'Invalid base64 media' });
    expect(await snapshot()).toEqual(before);
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
    const { messages } = await import('@chatapp/domain');
    const failing = { ...deps, db: failingDb };
    const send = (image: Buffer) =>
      messages.sendMessage(failing, alice.id, {
        conversationId: chat,
        content: { type: 'image', media: { data: image.toString('base64') } },
      });

    const before = await snapshot();
    await expect(send(await pngWithExif(33, 33, { r: 9, g: 9, b: 9 }))).rejects.toThrow('simulated failure');
    expect(await snapshot()).toEqual(before);

    // The same bytes already stored for another message: that file must survive the failed send.
    const shared = await pngWithExif(34, 34, { r: 8, g: 8, b: 8 });
    const ok = await sendMessage(alice, {
      conversation_id: chat,
      type: 'image',
      media: dataUrl(shared, 'image/png'),
    });
    expect(ok.status).toBe(201);
    const stored = await snapshot();
    await expect(send(shared)).rejects.toThrow('simulated failure');
    expect(await snapshot()).toEqual(stored);
    expect((await download(ok.body.data.media_url ?? '')).response.status).toBe(200);
  });
});

describe('PUT /update/ profile', () => {
  interface Account {
    profile: string | null;
  }

  it('stores a square picture in profiles/, shown by /get/; replacing it removes the old files', async () => {
    const user = await createUser(api);
    const first = await api.put<Envelope<Account>>(
      '/update/',
      { profile: dataUrl(await jpegWithGps(120, 60), 'image/jpeg') },
      { token: user.token },
    );
    expect(first.status).toBe(200);
    expect(first.body.message).toBe('User updated successfully');
    const firstPath = first.body.data.profile ?? '';
    expect(firstPath).toMatch(HASHED('profiles', 'jpg'));
    const got = await api.get<Envelope<Account>>('/get/', { token: user.token });
    expect(got.body.data.profile).toBe(firstPath);

    const { response, bytes } = await download(firstPath);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const picture = await sharp(bytes).metadata();
    expect(picture.width).toBe(picture.height);
    expect(picture.exif).toBeUndefined();
    const firstRow = await server.app.deps.db
      .selectFrom('users')
      .select(['profile', 'profile_thumb'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const firstThumb = firstRow.profile_thumb ?? '';
    expect(filesUnder(media.root)).toEqual(expect.arrayContaining([firstPath, firstThumb]));

    const second = await api.put<Envelope<Account>>(
      '/update/',
      { first_name: 'Pic', profile: dataUrl(await pngWithExif(50, 90), 'image/png') },
      { token: user.token },
    );
    expect(second.status).toBe(200);
    expect(second.body.data.profile).toMatch(HASHED('profiles', 'png'));
    const files = filesUnder(media.root);
    expect(files).toContain(second.body.data.profile);
    expect(files).not.toContain(firstPath);
    expect(files).not.toContain(firstThumb);
    const rows = await server.app.deps.db
      .selectFrom('media')
      .select('path')
      .where('owner_id', '=', user.id)
      .where('kind', '=', 'profile')
      .execute();
    expect(rows).toEqual([{ path: second.body.data.profile }]);
  });

  it('refuses null, bad base64, empty, non-images and oversize pictures with 400/415, storing nothing', async () => {
    const user = await createUser(api);
    const before = await snapshot();
    const cases: Array<[unknown, number, string]> = [
      [null, 400, 'profile must be an image'],
      ['abc', 400, 'Invalid base64 media'],
      ['data:image/jpeg;base64,@@@@', 400, 'Invalid base64 media'],
      ['', 400, 'Media is empty'],
      [dataUrl(Buffer.from('not a picture at all'), 'image/jpeg'), 415, 'Unsupported media'],
      [dataUrl(wav(), 'image/png'), 415, 'Expected an image'],
      [42, 400, 'profile must be an image'],
    ];
    for (const [profile, status, message] of cases) {
      const res = await api.put<Envelope<null>>('/update/', { profile }, { token: user.token });
      expect({ profile, status: res.status }).toEqual({ profile, status });
      expect(res.body).toEqual({ success: false, message: expect.stringContaining(message), data: null });
    }
    expect(await snapshot()).toEqual(before);
    const got = await api.get<Envelope<Account>>('/get/', { token: user.token });
    expect(got.body.data.profile).toBeNull();
  });

  it('checks the other fields first: an invalid name or a taken email stores no picture', async () => {
    const user = await createUser(api);
    const other = await createUser(api);
    const before = await snapshot();
    const picture = dataUrl(await pngWithExif(40, 40, { r: 5, g: 6, b: 7 }), 'image/png');
    const badName = await api.put<Envelope<null>>(
      '/update/',
      { first_name: '1x', profile: picture },
      { token: user.token },
    );
    expect(badName.status).toBe(400);
    const taken = await api.put<Envelope<null>>(
      '/update/',
      { email: other.email, profile: picture },
      { token: user.token },
    );
    expect(taken.status).toBe(400);
    expect(taken.body.message).toBe('Email already exists');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps legacy picture names reachable and removes such a file when it is replaced', async () => {
    const user = await createUser(api);
    const legacyName = `profiles/user_${user.id}_profile_1795518567.jpg`;
    const legacyBytes = await jpegWithGps(10, 10);
    await server.app.deps.media.storage.put(legacyName, legacyBytes);
    await server.app.deps.db
      .updateTable('users')
      .set({ profile: legacyName })
      .where('id', '=', user.id)
      .execute();
    const got = await api.get<Envelope<Account>>('/get/', { token: user.token });
    expect(got.body.data.profile).toBe(legacyName);
    const { response, bytes } = await download(legacyName);
    expect(response.status).toBe(200);
    expect(bytes.equals(legacyBytes)).toBe(true);

    const replaced = await api.put<Envelope<Account>>(
      '/update/',
      { profile: dataUrl(await pngWithExif(12, 12), 'image/png') },
      { token: user.token },
    );
    expect(replaced.status).toBe(200);
    expect(filesUnder(media.root)).not.toContain(legacyName);
  });
});
