/**
 * Logins against a server process with the real scrypt cost (N=2^17, what operators get): an
 * old cheaper hash is brought up to today's cost at the next login, and a flood of logins with
 * random usernames from one address is refused before any hash runs, so the server's thread
 * pool stays free for media and everyone else.
 */
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/server/auth/accounts.js';
import {
  DEFAULT_SCRYPT,
  TEST_SCRYPT_ENV,
  chooseScryptCost,
  hashToken,
  newToken,
  verifyPassword,
} from '../../src/server/auth/tokens.js';
import { putMedia } from '../../src/server/media/media-store.js';
import { openTestDb } from '../helpers/test-database.js';
import {
  freePort,
  killAllServers,
  spawnServer,
  type ChildServer,
} from '../helpers/child-server.js';
import { freshDataDir } from '../helpers/test-server.js';

const PASSWORD = 'correct horse battery';
let child: ChildServer;
let dataDir: string;
let staffToken: string;
let mediaPath: string;

/** A hash as the server made them before: scrypt N=2^14. */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

async function storedHash(username: string): Promise<string> {
  const db = await openTestDb(dataDir);
  try {
    const row = await db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row.password_hash;
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dataDir = freshDataDir();
  const db = await openTestDb(dataDir);
  await createUser(db, {
    username: 'anna',
    password: PASSWORD,
    displayName: 'Anna',
    role: 'staff',
  });
  await db
    .updateTable('app_user')
    .set({ password_hash: oldHash(PASSWORD) })
    .where('username', '=', 'anna')
    .execute();
  // A staff session made directly, so the flood test needs no login of its own.
  const staffId = await createUser(db, {
    username: 'bo',
    password: PASSWORD,
    displayName: 'Bo',
    role: 'staff',
  });
  staffToken = newToken();
  await db
    .insertInto('session')
    .values({
      token_hash: hashToken(staffToken),
      user_id: staffId,
      created_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 86400_000).toISOString(),
      revoked: 0,
    })
    .execute();
  await db.destroy();
  mediaPath = `/media/${await putMedia(dataDir, Buffer.concat([Buffer.from('GIF89a'), randomBytes(200_000)]))}`;
  // The server process gets the real cost: the test suite's cheap one is not passed on.
  delete process.env[TEST_SCRYPT_ENV];
  child = await spawnServer(dataDir, await freePort());
});
afterAll(async () => {
  await killAllServers();
  rmSync(dataDir, { recursive: true, force: true });
});

const login = (username: string, password: string): Promise<Response> =>
  fetch(`${child.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

describe('the password hash cost', () => {
  it('is OWASP’s N=2^17, r=8, p=1 unless a test run lowers it', () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(chooseScryptCost({})).toEqual(DEFAULT_SCRYPT);
    expect(chooseScryptCost({ [TEST_SCRYPT_ENV]: '1024', NODE_ENV: 'test' }).N).toBe(1024);
  });

  it('cannot be lowered outside a test run', () => {
    expect(() => chooseScryptCost({ [TEST_SCRYPT_ENV]: '1024', NODE_ENV: 'production' })).toThrow(
      /test suite only/,
    );
    expect(() => chooseScryptCost({ [TEST_SCRYPT_ENV]: '1000', NODE_ENV: 'test' })).toThrow(
      /power of two/,
    );
  });

  it('an old 2^14 hash is rehashed at 2^17 on a successful login, and keeps working', async () => {
    expect(await storedHash('anna')).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect((await login('anna', 'wrong password')).status).toBe(401);
    expect(await storedHash('anna')).toMatch(/^scrypt\$16384\$/);
    const first = await login('anna', PASSWORD);
    expect(first.status).toBe(200);
    const rehashed = await storedHash('anna');
    expect(rehashed).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, rehashed)).toBe(true);
    expect((await login('anna', PASSWORD)).status).toBe(200);
    expect(await storedHash('anna')).toBe(rehashed);
    expect((await login('anna', 'wrong password')).status).toBe(401);
  });
});

describe('a login flood from one address', () => {
  it('is refused before hashing, and media answers stay fast meanwhile', async () => {
    const latencies: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        const t0 = performance.now();
        const res = await fetch(`${child.url}${mediaPath}`, {
          headers: { authorization: `Bearer ${staffToken}` },
        });
        await res.arrayBuffer();
        expect(res.status).toBe(200);
        latencies.push(performance.now() - t0);
        const h0 = performance.now();
        expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
        latencies.push(performance.now() - h0);
      }
    })();
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () =>
        login(`user-${randomUUID()}`, 'guess').then(async (r) => {
          await r.arrayBuffer();
          return { status: r.status, retryAfter: r.headers.get('retry-after') };
        }),
      ),
    );
    const floodMs = performance.now() - t0;
    flooding = false;
    await probe;
    const count = (s: number): number => answers.filter((a) => a.status === s).length;
    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
    console.log(
      `login flood: 200 logins in ${floodMs.toFixed(0)} ms: ${count(401)} hashed (401), ` +
        `${count(429)} rate limited, ${count(503)} busy; ${latencies.length} media/healthz ` +
        `answers meanwhile, median ${latencies[latencies.length >> 1]?.toFixed(1)} ms, ` +
        `p95 ${p95.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
    );
    expect(count(401) + count(429) + count(503)).toBe(200);
    expect(count(401)).toBeLessThanOrEqual(30);
    expect(count(429)).toBeGreaterThanOrEqual(150);
    for (const a of answers.filter((x) => x.status === 503)) expect(a.retryAfter).toBe('2');
    expect(latencies.length).toBeGreaterThan(0);
    expect(p95).toBeLessThan(500);
  });
});
