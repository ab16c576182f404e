/**
 * Photo albums (issue 10): staff post an album for some houses; it reaches the kiosks of those
 * houses and the relatives of residents in them (pull and live push), by the same audience rule as
 * news, and its photos are served only to those who may see it. Kiosks and relatives cannot post;
 * an album without the consent tick, without photos, with too many or with photos that are not
 * stored pictures is refused.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Album } from '../../src/domain/model.js';
import type { MutationArgs } from '../../src/protocol/index.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { putMedia, storedMediaKind } from '../../src/server/media/media-store.js';
import { openTestDb } from '../helpers/test-database.js';
import { relativesConsent, resident } from '../helpers/fixtures.js';
import {
  apply,
  mutate,
  nextEvent,
  pullAll,
  replay,
  freshDataDir,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

let t: TestServer;
let staff: SyncSocket;
/** Distinct small GIFs: pictures as the media store sniffs them. */
const gif = (): Buffer => Buffer.concat([Buffer.from('GIF89a'), randomBytes(64)]);
let photoX1: string;
let photoX2: string;
let photoY: string;

type AlbumArgs = MutationArgs<'album.put'>;
const album = (id: string, groupId: string, hashes: string[]): AlbumArgs => ({
  id,
  title: `Album ${id}`,
  photos: hashes.map((hash, i) => ({ hash, caption: `Billede ${i + 1}` })),
  audience: { kind: 'groups', groupIds: [groupId] },
  consentConfirmed: true,
});

/** A kiosk that serves only `groupIds` (set before it connects, as staff would). */
async function houseKiosk(name: string, groupIds: string[]): Promise<string> {
  const { token, deviceId } = await t.enrolKiosk(name);
  await sql`update device set group_ids = ${JSON.stringify(groupIds)} where id = ${deviceId}`.execute(
    t.server.store.db,
  );
  return token;
}

const albumsOf = async (socket: SyncSocket): Promise<Map<string, Album>> =>
  replay((await pullAll(socket)).changes, 'album');

beforeAll(async () => {
  t = await startTestServer();
  staff = await t.staff();
  photoX1 = await putMedia(t.dataDir, gif());
  photoX2 = await putMedia(t.dataDir, gif());
  photoY = await putMedia(t.dataDir, gif());
  await apply(staff, 'group.put', { id: 'gx', name: 'Hus X' });
  await apply(staff, 'group.put', { id: 'gy', name: 'Hus Y' });
  await apply(staff, 'resident.put', {
    ...resident('rx', { groupIds: ['gx'] }),
    consent: relativesConsent,
  });
  await apply(staff, 'resident.put', {
    ...resident('ry', { groupIds: ['gy'] }),
    consent: relativesConsent,
  });
  await apply(staff, 'album.put', album('al-y', 'gy', [photoY]));
});
afterAll(async () => {
  await t.close();
});

describe('posting an album', () => {
  it('staff post an album; the server stamps when and by whom, and keeps publishedAt on edit', async () => {
    await apply(staff, 'album.put', album('al-x', 'gx', [photoX1, photoX2]));
    const first = (await albumsOf(staff)).get('al-x');
    expect(first).toMatchObject({
      title: 'Album al-x',
      photos: [
        { hash: photoX1, caption: 'Billede 1' },
        { hash: photoX2, caption: 'Billede 2' },
      ],
      consentConfirmed: true,
    });
    expect(first?.publishedAt).toMatch(/Z$/);
    expect(first?.updatedBy).toBeTruthy();

    await apply(staff, 'album.put', {
      ...album('al-x', 'gx', [photoX2, photoX1]),
      photos: [{ hash: photoX2, caption: '' }, { hash: photoX1 }],
    });
    const edited = (await albumsOf(staff)).get('al-x');
    expect(edited?.photos).toEqual([{ hash: photoX2 }, { hash: photoX1 }]);
    expect(edited?.publishedAt).toBe(first?.publishedAt);
  });
});

describe('who receives an album', () => {
  it('a kiosk of house X gets X’s album and not Y’s; a kiosk of another house gets neither', async () => {
    await apply(staff, 'album.put', album('al-x', 'gx', [photoX1, photoX2]));
    const x = await albumsOf(await t.connect(await houseKiosk('Hus X', ['gx'])));
    expect([...x.keys()]).toEqual(['al-x']);
    const other = await albumsOf(await t.connect(await houseKiosk('Hus Z', ['gz'])));
    expect(other.size).toBe(0);
    const centre = await albumsOf(await t.connect(await t.kioskToken('Hele centret')));
    expect([...centre.keys()].sort()).toEqual(['al-x', 'al-y']);
  });

  it('a new album is pushed live to its house’s kiosk, and only as a delete elsewhere', async () => {
    const kioskX = await t.connect(await houseKiosk('Hus X live', ['gx']));
    const kioskY = await t.connect(await houseKiosk('Hus Y live', ['gy']));
    await pullAll(kioskX);
    await pullAll(kioskY);
    const pushX = nextEvent(kioskX, 'changes');
    const pushY = nextEvent(kioskY, 'changes');
    await apply(staff, 'album.put', album('al-live', 'gx', [photoX1]));
    expect((await pushX).changes).toMatchObject([{ type: 'album', id: 'al-live', op: 'put' }]);
    const y = (await pushY).changes;
    expect(y).toMatchObject([{ type: 'album', id: 'al-live', op: 'del' }]);
    expect(y[0]?.data).toBeUndefined();
  });

  it('a relative of a resident in X receives X’s album, not Y’s, and cannot fetch Y’s photo', async () => {
    await apply(staff, 'album.put', album('al-x', 'gx', [photoX1, photoX2]));
    const token = await t.userToken('relative', ['rx']);
    const seen = await albumsOf(await t.connect(token));
    expect(seen.has('al-x')).toBe(true);
    expect(seen.has('al-y')).toBe(false);
    const get = (hash: string) =>
      fetch(`${t.url}/media/${hash}`, { headers: { authorization: `Bearer ${token}` } });
    const mine = await get(photoX1);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/gif');
    await mine.arrayBuffer();
    const theirs = await get(photoY);
    expect([403, 404]).toContain(theirs.status);
    // The refusal says nothing about the album or the photo (looks like a missing one).
    expect(await theirs.text()).not.toMatch(/album|Album al-y/);
    // The relative of the resident in Y may fetch it.
    const yToken = await t.userToken('relative', ['ry']);
    const ok = await fetch(`${t.url}/media/${photoY}`, {
      headers: { authorization: `Bearer ${yToken}` },
    });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });

  it('a deleted album’s photos are no longer served to those who saw it', async () => {
    const only = await putMedia(t.dataDir, gif());
    await apply(staff, 'album.put', album('al-gone', 'gx', [only]));
    const token = await t.userToken('relative', ['rx']);
    const get = () =>
      fetch(`${t.url}/media/${only}`, { headers: { authorization: `Bearer ${token}` } });
    const before = await get();
    expect(before.status).toBe(200);
    await before.arrayBuffer();
    await apply(staff, 'album.del', { id: 'al-gone' });
    const after = await get();
    expect(after.status).toBe(404);
    await after.arrayBuffer();
  });
});

describe('bad input', () => {
  const refused = async (
    args: unknown,
    code: string,
    socket: SyncSocket = staff,
    name: 'album.put' | 'album.del' = 'album.put',
  ) => {
    const res = await mutate(socket, name, args as AlbumArgs);
    expect(res, JSON.stringify(args).slice(0, 200)).toMatchObject({ status: 'rejected', code });
    return res;
  };
  const ok = (): AlbumArgs => album('al-bad', 'gx', [photoX1]);

  it('refuses an album without the consent tick, saying what is missing', async () => {
    const res = await refused({ ...ok(), consentConfirmed: false }, 'invalid');
    expect(res.status === 'rejected' && res.message).toMatch(/agreed to be shown/);
    await refused({ ...ok(), consentConfirmed: undefined }, 'invalid');
    await refused({ ...ok(), consentConfirmed: 'true' }, 'invalid');
  });

  it('refuses zero photos, 61 photos, a photo twice, unknown or non-picture hashes', async () => {
    await refused({ ...ok(), photos: [] }, 'invalid');
    const many = await Promise.all(Array.from({ length: 61 }, () => putMedia(t.dataDir, gif())));
    await refused({ ...ok(), photos: many.map((hash) => ({ hash })) }, 'invalid');
    // 60 is the most, and is accepted.
    await apply(staff, 'album.put', {
      ...ok(),
      photos: many.slice(0, 60).map((hash) => ({ hash })),
    });
    await refused({ ...ok(), photos: [{ hash: photoX1 }, { hash: photoX1 }] }, 'invalid');
    await refused({ ...ok(), photos: [{ hash: 'f'.repeat(64) }] }, 'not_found');
    await refused({ ...ok(), photos: [{ hash: 'not-a-hash' }] }, 'invalid');
    const text = await putMedia(t.dataDir, Buffer.from('just some text, not a picture'));
    await refused({ ...ok(), photos: [{ hash: text }] }, 'invalid');
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypisom'),
      randomBytes(64),
    ]);
    await refused({ ...ok(), photos: [{ hash: await putMedia(t.dataDir, mp4) }] }, 'invalid');
  });

  it('refuses wrong types, oversize text, unknown groups and extra fields', async () => {
    await refused({ ...ok(), title: '' }, 'invalid');
    await refused({ ...ok(), title: '   ' }, 'invalid');
    await refused({ ...ok(), title: 'x'.repeat(121) }, 'invalid');
    await refused({ ...ok(), title: 42 }, 'invalid');
    await refused({ ...ok(), photos: [{ hash: photoX1, caption: 'x'.repeat(201) }] }, 'invalid');
    await refused({ ...ok(), photos: 'all of them' }, 'invalid');
    await refused({ ...ok(), audience: { kind: 'groups', groupIds: [] } }, 'invalid');
    await refused(
      { ...ok(), audience: { kind: 'groups', groupIds: ['other-centre'] } },
      'not_found',
    );
    await refused({ ...ok(), publishedAt: '2020-01-01T00:00:00.000Z' }, 'invalid');
    await refused({ id: 'nope' }, 'not_found', staff, 'album.del');
  });

  it('a kiosk or a relative may not post or delete an album, and nothing changes', async () => {
    const kiosk = await t.connect(await t.kioskToken('Forbudt'));
    const relative = await t.connect(await t.userToken('relative', ['rx']));
    for (const socket of [kiosk, relative]) {
      await refused(album('al-forbidden', 'gx', [photoX1]), 'forbidden', socket);
      await refused({ id: 'al-y' }, 'forbidden', socket, 'album.del');
    }
    const all = await albumsOf(staff);
    expect(all.has('al-forbidden')).toBe(false);
    expect(all.has('al-y')).toBe(true);
  });
});

describe('the demo', () => {
  it('has an album for everyone and one for Birkehuset, of stored pictures with captions', async () => {
    const dir = freshDataDir();
    const db = await openTestDb(dir);
    try {
      await seedDemo(db, new Date('2026-12-01T09:00:00Z'), { dataDir: dir });
      const albums = (await db.selectFrom('album').select('data').execute()).map(
        (r) => JSON.parse(r.data) as Album,
      );
      expect(albums.map((a) => [a.title, a.audience])).toEqual([
        ['Tur til stranden', { kind: 'all' }],
        ['Forår i haven', { kind: 'groups', groupIds: ['g-birk'] }],
      ]);
      for (const photo of albums.flatMap((a) => a.photos)) {
        expect(await storedMediaKind(dir, photo.hash)).toBe('image');
        expect(photo.caption).toBeTruthy();
      }
      const refs = await db
        .selectFrom('media_ref')
        .selectAll()
        .where('entity_type', '=', 'album')
        .execute();
      expect(refs).toHaveLength(4);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
