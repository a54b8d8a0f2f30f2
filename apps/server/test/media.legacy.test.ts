import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import { type Envelope, HASHED, type LegacyChat, legacyCalls, startLegacyChat } from './support/legacy-chat';
import {
  dataUrl,
  filesUnder,
  hasGpsDirectory,
  jpegWithGps,
  pngWithExif,
  SECRET,
  tempMediaRoot,
  wav,
} from './support/media';
import { startTestServer, type TestServer } from './support/server';

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

beforeAll(async () => {
  fixture = await startLegacyChat();
  ({ server, api, alice, bob, chat, media } = fixture);
});
afterAll(() => fixture.close());

const { send: sendMessage, stored: storedNow, download } = legacyCalls(() => fixture);

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
    const before = await storedNow();
    for (const [body, status, error] of cases) {
      const res = await sendMessage(alice, { conversation_id: chat, ...body });
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body.error).toContain(error);
    }
    expect(await storedNow()).toEqual(before);
  });

  it('passes `media` only with image and audio: a text message ignores it, as the legacy view did', async () => {
    const res = await sendMessage(alice, { conversation_id: chat, type: 'text', body: 'hi', media: 'abc!' });
    expect(res.status).toBe(201);
    expect(res.body.data.media_url).toBeNull();
  });

  it('refuses media for a conversation the sender is not in, writing no file', async () => {
    const eve = await createUser(api);
    const before = await storedNow();
    const res = await sendMessage(eve, {
      conversation_id: chat,
      type: 'image',
      media: dataUrl(await pngWithExif(20, 20), 'image/png'),
    });
    expect(res.status).toBe(404);
    expect(await storedNow()).toEqual(before);
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
