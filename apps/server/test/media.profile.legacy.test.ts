import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './support/accounts';
import type { TestClient } from './support/http';
import { type Envelope, HASHED, type LegacyChat, legacyCalls, startLegacyChat } from './support/legacy-chat';
import { dataUrl, filesUnder, jpegWithGps, pngWithExif, wav } from './support/media';
import type { TestServer } from './support/server';

// Contract §3.4 (/update/ profile), §3.9 (/sendMessage/ media), §4.3 (WS chat_message media) and §6, with the
// fixes of §11: C11 (no orphan message), C24–C26 (profile: null / bad base64 are 400s, nothing stored), S22 (names
// are unguessable), S31 (the content decides the type). Media URLs are the relative paths the client prefixes.

let fixture: LegacyChat;
let server: TestServer;
let api: TestClient;
let media: LegacyChat['media'];

beforeAll(async () => {
  fixture = await startLegacyChat();
  ({ server, api, media } = fixture);
});
afterAll(() => fixture.close());

const { stored: storedNow, download } = legacyCalls(() => fixture);

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
    const before = await storedNow();
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
    expect(await storedNow()).toEqual(before);
    const got = await api.get<Envelope<Account>>('/get/', { token: user.token });
    expect(got.body.data.profile).toBeNull();
  });

  it('checks the other fields first: an invalid name or a taken email stores no picture', async () => {
    const user = await createUser(api);
    const other = await createUser(api);
    const before = await storedNow();
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
    expect(await storedNow()).toEqual(before);
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
