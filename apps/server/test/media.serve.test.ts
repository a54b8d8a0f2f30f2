import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './support/accounts';
import { client, type TestClient } from './support/http';
import { dataUrl, tempMediaRoot, wav } from './support/media';
import { startTestServer, type TestServer } from './support/server';

// Contract §6.4 with P11 fixed: `/media/<path>` serves the right type, byte ranges (audio seeking), validators and
// long caching for content-addressed names, nosniff, JSON 404s, and no way out of MEDIA_ROOT.
let server: TestServer;
let media: ReturnType<typeof tempMediaRoot>;
let api: TestClient;
let alice: TestUser;
/** A stored voice note: its relative path and bytes. */
let clipPath: string;
let clip: Buffer;
const LEGACY_NAME = 'profiles/user_1_profile_1795518567.jpg';
const LEGACY_BYTES = Buffer.from('legacy bytes, served as the .jpg they were saved as');

beforeAll(async () => {
  media = tempMediaRoot();
  // A secret beside the media root (and one inside a sibling folder) that no URL may reach.
  writeFileSync(join(dirname(media.root), `${media.root.split('/').pop()}-secret.txt`), 'secret');
  server = await startTestServer({ MEDIA_ROOT: media.root });
  api = client(server.baseUrl);
  alice = await createUser(api);
  const bob = await createUser(api);
  const opened = await api.post<{ data: { conversation_id: number } }>(
    '/getConversation/',
    { user_id: bob.id },
    { token: alice.token },
  );
  clip = wav(1);
  const sent = await api.post<{ data: { media_url: string } }>(
    '/sendMessage/',
    { conversation_id: opened.body.data.conversation_id, type: 'audio', media: dataUrl(clip, 'audio/wav') },
    { token: alice.token },
  );
  expect(sent.status).toBe(201);
  clipPath = sent.body.data.media_url;
  mkdirSync(join(media.root, 'profiles'), { recursive: true });
  writeFileSync(join(media.root, LEGACY_NAME), LEGACY_BYTES);
});
afterAll(async () => {
  await server.close();
  media.remove();
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return fetch(`${server.baseUrl}${path}`, { method, headers });
}

/** A request with the path sent byte for byte (fetch would resolve `..` before sending). */
function raw(path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'],
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('whole files', () => {
  it('serves the bytes with type, length, validators, immutable caching and nosniff', async () => {
    const res = await get(`/media/${clipPath}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(clip)).toBe(true);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'audio/wav',
      'content-length': String(clip.length),
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      etag: `"${clipPath.slice('AudioMessages/'.length, -'.wav'.length)}"`,
    });
    expect(res.headers.get('last-modified')).toBeTruthy();
  });

  it('answers HEAD with the same headers and no body', async () => {
    const res = await get(`/media/${clipPath}`, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(clip.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('keeps legacy names reachable, revalidated (they could change) with a weak validator', async () => {
    const res = await get(`/media/${LEGACY_NAME}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(LEGACY_BYTES)).toBe(true);
  });
});

describe('conditional requests', () => {
  it('answers 304 with no body to a matching If-None-Match (also in a list, weak or *)', async () => {
    const etag = (await get(`/media/${clipPath}`)).headers.get('etag') ?? '';
    for (const header of [etag, `"nope", ${etag}`, `W/${etag}`, '*']) {
      const res = await get(`/media/${clipPath}`, { 'if-none-match': header });
      expect(res.status).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    }
    expect((await get(`/media/${clipPath}`, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since at or after the file time, for legacy names too', async () => {
    const first = await get(`/media/${LEGACY_NAME}`);
    const lastModified = first.headers.get('last-modified') ?? '';
    expect((await get(`/media/${LEGACY_NAME}`, { 'if-modified-since': lastModified })).status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect((await get(`/media/${LEGACY_NAME}`, { 'if-modified-since': earlier })).status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect((await get(`/media/${LEGACY_NAME}`, { 'if-none-match': etag })).status).toBe(304);
  });
});

describe('byte ranges', () => {
  it('serves a range with 206 and Content-Range, for open and suffix ranges too', async () => {
    const size = clip.length;
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, size - 1],
      ['bytes=-50', size - 50, size - 1],
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
    ] as const) {
      const res = await get(`/media/${clipPath}`, { range });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      expect(Buffer.from(await res.arrayBuffer()).equals(clip.subarray(start, end + 1))).toBe(true);
    }
  });

  it('answers 416 with the size to a range past the end', async () => {
    for (const range of [`bytes=${clip.length}-`, 'bytes=-0']) {
      const res = await get(`/media/${clipPath}`, { range });
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${clip.length}`);
      expect(await res.json()).toEqual({ detail: 'Requested range not satisfiable.' });
    }
  });

  it('serves the whole file for several ranges, another unit, nonsense, or a stale If-Range', async () => {
    for (const headers of [
      { range: 'bytes=0-1,5-6' } as Record<string, string>,
      { range: 'items=0-1' },
      { range: 'bytes=abc' },
      { range: 'bytes=9-3' },
      { range: 'bytes=0-1', 'if-range': '"stale"' },
    ]) {
      const res = await get(`/media/${clipPath}`, headers);
      expect({ headers, status: res.status }).toEqual({ headers, status: 200 });
      expect(Number(res.headers.get('content-length'))).toBe(clip.length);
      await res.arrayBuffer();
    }
    const etag = (await get(`/media/${clipPath}`, {}, 'HEAD')).headers.get('etag') ?? '';
    expect((await get(`/media/${clipPath}`, { range: 'bytes=0-1', 'if-range': etag })).status).toBe(206);
  });
});

describe('what is not a file', () => {
  it('refuses every spelling of a path out of the media root with a JSON 404', async () => {
    const secret = `${media.root.split('/').pop()}-secret.txt`;
    for (const path of [
      '/media/../package.json',
      '/media/../../package.json',
      '/media/%2e%2e/package.json',
      '/media/%2E%2E/%2e%2e/package.json',
      '/media/..%2fpackage.json',
      '/media/%2e%2e%2fpackage.json',
      '/media/ImgMessages/..%2f..%2fpackage.json',
      `/media/..%2f${secret}`,
      `/media/profiles/..%2f..%2f${secret}`,
      `/media/..%5c${secret}`,
      '/media/profiles/%00x.jpg',
      '/media//etc/passwd',
      '/media/%2fetc%2fpasswd',
      '/media/profiles/%',
    ]) {
      const res = await raw(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.type).toBe('application/json');
      expect(res.body).not.toContain('secret');
      expect(res.body).not.toContain('"name"');
    }
  });

  it('answers a JSON 404 for directories, missing files and hidden (temporary) files', async () => {
    writeFileSync(join(media.root, 'profiles', '.partial.tmp'), 'half written');
    for (const path of [
      '/media/',
      '/media/profiles',
      '/media/profiles/',
      '/media/AudioMessages',
      '/media/profiles/missing.jpg',
      '/media/profiles/.partial.tmp',
    ]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.json()).toEqual({ detail: 'Not found.' });
    }
  });

  it('does not follow a symbolic link out of the media root', async () => {
    const target = join(dirname(media.root), `${media.root.split('/').pop()}-secret.txt`);
    symlinkSync(target, join(media.root, 'profiles', 'link.jpg'));
    expect((await get('/media/profiles/link.jpg')).status).toBe(404);
  });

  it('allows only GET and HEAD', async () => {
    const res = await get(`/media/${clipPath}`, {}, 'DELETE');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect((await get(`/media/${clipPath}`)).status).toBe(200);
  });
});
