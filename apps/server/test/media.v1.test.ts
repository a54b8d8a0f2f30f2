import { type AppRouter, schemas } from '@chatapp/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import {
  dataUrl,
  filesUnder,
  jpegWithGps,
  pngWithExif,
  SECRET,
  tempMediaRoot,
  wav,
  webm,
} from './support/media';
import { startTestServer, type TestServer } from './support/server';
import { trpcSocket } from './support/trpc';

// The v1 side of media: a direct upload (`POST /api/v1/media`, octet-stream or multipart) answered with an id, sends
// that attach it by `media_id` (own and unused only), and absolute URLs (request origin, or PUBLIC_URL) with a
// thumbnail in every v1 answer, while `media_url` keeps the relative path legacy clients use.
type Media = schemas.MediaDto;
type Conversation = schemas.ConversationDto;
/** What `fetch` accepts as a body here (the DOM's BodyInit is not in this project's types). */
type UploadBody = Buffer | string | FormData;
type Message = schemas.MessageDto;

let server: TestServer;
let media: ReturnType<typeof tempMediaRoot>;
let api: TestClient;
let alice: TestUser;
let bob: TestUser;
let chat: number;

beforeAll(async () => {
  media = tempMediaRoot();
  server = await startTestServer({ MEDIA_ROOT: media.root });
  api = client(server.baseUrl);
  alice = await createUser(api);
  bob = await createUser(api);
  const opened = await api.post<{ conversation: { id: number } }>(
    '/api/v1/conversations/direct',
    { user_id: bob.id },
    { token: alice.token },
  );
  expect(opened.status).toBe(200);
  chat = opened.body.conversation.id;
});
afterAll(async () => {
  await server.close();
  media.remove();
});

function upload(user: TestUser | null, body: UploadBody, contentType?: string) {
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Bearer ${user.token}`;
  if (contentType) headers['content-type'] = contentType;
  return fetch(`${server.baseUrl}/api/v1/media`, { method: 'POST', headers, body });
}

async function uploaded(user: TestUser, bytes: Buffer): Promise<Media> {
  const res = await upload(user, bytes, 'application/octet-stream');
  expect(res.status).toBe(201);
  return (await res.json()) as Media;
}

function sendV1(user: TestUser, body: Record<string, unknown>) {
  return api.post<{ created: boolean; message: Message } & { message?: string; code?: string }>(
    `/api/v1/conversations/${chat}/messages`,
    body,
    { token: user.token },
  );
}

async function mediaRows(): Promise<number> {
  const row = await server.app.deps.db
    .selectFrom('media')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /api/v1/media', () => {
  it('stores an image and answers its id, type, size and absolute URLs (file and thumbnail)', async () => {
    const original = await jpegWithGps(200, 100);
    const stored = await uploaded(alice, original);
    expect(stored).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 100, height: 200 });
    expect(stored.url).toMatch(new RegExp(`^${server.baseUrl}/media/ImgMessages/[0-9a-f]{64}\\.jpg$`));
    expect(stored.thumbnail_url).toMatch(
      new RegExp(`^${server.baseUrl}/media/ImgMessages/[0-9a-f]{64}\\.webp$`),
    );

    const file = Buffer.from(await (await fetch(stored.url)).arrayBuffer());
    expect(file.length).toBe(stored.size_bytes);
    expect((await sharp(file).metadata()).exif).toBeUndefined();
    expect(file.includes(SECRET)).toBe(false);
    const thumb = await fetch(stored.thumbnail_url ?? '');
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const thumbInfo = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(thumbInfo.width ?? 0, thumbInfo.height ?? 0)).toBeLessThanOrEqual(320);
  });

  it('takes a multipart/form-data file and audio alike; the content decides the kind', async () => {
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob([webm()], { type: 'image/png' }), 'photo.png');
    const res = await upload(alice, form);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      kind: 'audio',
      mime: 'audio/webm',
      width: null,
      height: null,
      thumbnail_url: null,
    });
  });

  it('refuses without a token, bad content types, empty, unknown and oversize files; stores nothing', async () => {
    const before = { rows: await mediaRows(), files: filesUnder(media.root) };
    const text = Buffer.from('just text, declared and named as a GIF');
    const brokenGif = Buffer.from('GIF89a, then no image data at all');
    const cases: Array<[TestUser | null, UploadBody, string | undefined, number, string]> = [
      [null, await pngWithExif(), 'application/octet-stream', 401, 'UNAUTHORIZED'],
      [alice, 'hello', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [alice, JSON.stringify({ media: 'x' }), 'application/json', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [alice, Buffer.alloc(0), 'application/octet-stream', 400, 'BAD_REQUEST'],
      [alice, text, 'image/gif', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [alice, brokenGif, 'image/gif', 400, 'BAD_REQUEST'],
      [alice, Buffer.alloc(11 * 1024 * 1024, 1), 'application/octet-stream', 413, 'PAYLOAD_TOO_LARGE'],
      [alice, '--x\r\nbroken', 'multipart/form-data; boundary=x', 400, 'BAD_REQUEST'],
    ];
    for (const [user, body, type, status, code] of cases) {
      const res = await upload(user, body, type);
      expect({ type, status: res.status }).toEqual({ type, status });
      expect(await res.json()).toMatchObject({ code, message: expect.any(String) });
    }
    expect({ rows: await mediaRows(), files: filesUnder(media.root) }).toEqual(before);
  });
});

describe('sending with media_id', () => {
  it('attaches an own upload once; the message carries relative media_url and absolute media URLs', async () => {
    const stored = await uploaded(alice, await pngWithExif(40, 30));
    const sent = await sendV1(alice, { type: 'image', media_id: stored.id, body: 'caption' });
    expect(sent.status).toBe(200);
    const message = sent.body.message;
    expect(message).toMatchObject({ type: 'image', body: 'caption' });
    expect(message.media).toEqual(stored);
    expect(`${server.baseUrl}/media/${message.media_url}`).toBe(stored.url);

    const again = await sendV1(alice, { type: 'image', media_id: stored.id });
    expect(again.status).toBe(409);

    const page = await api.get<{ messages: Message[] }>(`/api/v1/conversations/${chat}/messages`, {
      token: bob.token,
    });
    expect(page.body.messages.at(-1)?.media).toEqual(stored);
    // The conversation list reads the last message's media on its own: the same object.
    const list = await api.get<{ conversations: Conversation[] }>('/api/v1/conversations', {
      token: bob.token,
    });
    const listed = list.body.conversations.find((c) => c.id === chat);
    expect(listed?.last_message?.media).toEqual(stored);
    // Lists are not re-validated on the way out: the answer is exactly what the schema would make of it.
    expect(JSON.stringify(schemas.conversationSchema.parse(listed))).toBe(JSON.stringify(listed));

    // Deleted for everyone: media gone from answers, row and files removed.
    const deleted = await api.send<Message>('DELETE', `/api/v1/messages/${message.id}`, undefined, {
      token: alice.token,
    });
    expect(deleted.body).toMatchObject({ media: null, media_url: null });
    expect((await fetch(stored.url)).status).toBe(404);
    expect((await fetch(stored.thumbnail_url ?? '')).status).toBe(404);
  });

  it('refuses someone else’s upload, a kind that does not match, both fields, or none', async () => {
    const bobs = await uploaded(bob, await pngWithExif(10, 10));
    const clip = await uploaded(alice, wav());
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ type: 'image', media_id: bobs.id }, 404, 'Media not found'],
      [{ type: 'image', media_id: 999_999 }, 404, 'Media not found'],
      [{ type: 'image', media_id: clip.id }, 400, 'is audio media, not image'],
      [{ type: 'text', body: 'x', media_id: clip.id }, 400, 'A text message cannot carry media'],
      [{ type: 'audio', media_id: clip.id, media: 'AAAA' }, 400, 'either media_id or media'],
      [{ type: 'audio' }, 400, 'An audio message needs media'],
    ];
    for (const [body, status, message] of cases) {
      const res = await sendV1(alice, body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(JSON.stringify(res.body)).toContain(message);
    }
    // Still unused: it can be sent.
    expect((await sendV1(alice, { type: 'audio', media_id: clip.id })).status).toBe(200);
  });

  it('lets exactly one of two concurrent sends take an upload', async () => {
    const stored = await uploaded(alice, await pngWithExif(11, 11));
    const results = await Promise.all([
      sendV1(alice, { type: 'image', media_id: stored.id }),
      sendV1(alice, { type: 'image', media_id: stored.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe('tRPC and subscriptions', () => {
  it('sends a data URL through tRPC; the event stream carries the media with absolute URLs', async () => {
    const bobSocket = trpcSocket(server.port, bob.token);
    const events: schemas.StreamEvent[] = [];
    const subscription = bobSocket.client.events.stream.subscribe(undefined, {
      onData: (data) => events.push(data.data),
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const trpc = createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${server.baseUrl}/trpc`,
            headers: () => ({ authorization: `Bearer ${alice.token}` }),
          }),
        ],
      });
      const sent = await trpc.messages.send.mutate({
        conversation_id: chat,
        type: 'audio',
        media: dataUrl(webm(5), 'audio/webm'),
      });
      expect(sent.message.media).toMatchObject({ kind: 'audio', mime: 'audio/webm' });
      expect(sent.message.media?.url).toBe(`${server.baseUrl}/media/${sent.message.media_url}`);

      const deadline = Date.now() + 5_000;
      while (!events.some((e) => e.type === 'message.created' && e.message.id === sent.message.id)) {
        if (Date.now() > deadline) throw new Error(`no event: ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const event = events.find((e) => e.type === 'message.created' && e.message.id === sent.message.id);
      expect(event).toMatchObject({
        message: { media: sent.message.media, media_url: sent.message.media_url },
      });

      const error = await trpc.messages.send
        .mutate({ conversation_id: chat, type: 'image', media: 'not base64!' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<AppRouter>).data?.httpStatus).toBe(400);
    } finally {
      subscription.unsubscribe();
      bobSocket.close();
    }
  });
});

describe('profile pictures in v1', () => {
  it('PATCH /users/me takes a data URL; /users/me shows absolute picture URLs', async () => {
    const user = await createUser(api);
    const res = await api.patch<schemas.AccountDto>(
      '/api/v1/users/me',
      { profile: dataUrl(await pngWithExif(300, 200), 'image/png') },
      { token: user.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatch(/^profiles\/[0-9a-f]{64}\.png$/);
    expect(res.body.profile_url).toBe(`${server.baseUrl}/media/${res.body.profile}`);
    const me = await api.get<schemas.AccountDto>('/api/v1/users/me', { token: user.token });
    expect(me.body.profile_url).toBe(res.body.profile_url);
    const thumb = await fetch(me.body.profile_thumbnail_url ?? '');
    expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({
      width: 128,
      height: 128,
    });
    const picture = await sharp(
      Buffer.from(await (await fetch(me.body.profile_url ?? '')).arrayBuffer()),
    ).metadata();
    expect(picture).toMatchObject({ width: 512, height: 512 });
  });
});

describe('PUBLIC_URL and the OpenAPI document', () => {
  it('builds media URLs on PUBLIC_URL when set, and documents the upload route', async () => {
    const root = tempMediaRoot();
    const proxied = await startTestServer({ MEDIA_ROOT: root.root, PUBLIC_URL: 'https://chat.example.com/' });
    try {
      const proxiedApi = client(proxied.baseUrl);
      const user = await createUser(proxiedApi);
      const res = await fetch(`${proxied.baseUrl}/api/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/octet-stream' },
        body: await pngWithExif(8, 8),
      });
      const stored = (await res.json()) as Media;
      expect(stored.url).toMatch(/^https:\/\/chat\.example\.com\/media\/ImgMessages\/[0-9a-f]{64}\.png$/);

      const doc = await proxiedApi.get<{ paths: Record<string, Record<string, unknown>> }>('/swagger.json');
      expect(doc.body.paths['/media']?.post).toMatchObject({ operationId: 'media-upload' });
      expect(doc.body.paths['/media/{folder}/{file}']?.get).toBeDefined();
    } finally {
      await proxied.close();
      root.remove();
    }
  });
});
