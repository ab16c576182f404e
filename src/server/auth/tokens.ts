import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** A 256-bit bearer token, URL-safe. The server keeps only its hash. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** Crockford-style alphabet without look-alikes (no I, L, O, U, 0, 1). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** A one-time enrolment code people can read aloud and type: `ABCDE-FGHJK` (about 49 bits). */
export function newEnrolCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** Codes compare without dashes, spaces or case, so a code read over the phone still works. */
export const normaliseEnrolCode = (code: string): string =>
  code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** OWASP's current scrypt parameters (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEYLEN = 32;
/** scrypt needs 128·N·r bytes (128 MiB at the default); Node's own limit is 32 MiB. */
const MAXMEM = 256 * 1024 * 1024;
/** Stored parameters beyond these are not believed (a hand-edited row must not eat the server). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** The test-only knob: the test suite makes hundreds of users and cannot pay 0.3 s for each. */
export const TEST_SCRYPT_ENV = 'CITIZEN_GUIDE_TEST_SCRYPT_N';

/**
 * The cost new hashes get. Only a test run (NODE_ENV=test or under vitest) may lower N through
 * `CITIZEN_GUIDE_TEST_SCRYPT_N`; anywhere else that variable stops the server from starting
 * rather than silently weakening every password.
 */
export function chooseScryptCost(env: NodeJS.ProcessEnv): ScryptCost {
  const raw = env[TEST_SCRYPT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_SCRYPT;
  if (env.NODE_ENV !== 'test' && !env.VITEST)
    throw new Error(`${TEST_SCRYPT_ENV} is for the test suite only (NODE_ENV=test); unset it.`);
  const N = Number(raw);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0)
    throw new Error(`${TEST_SCRYPT_ENV} must be a power of two up to ${MAX_N}.`);
  return { N, r: DEFAULT_SCRYPT.r, p: DEFAULT_SCRYPT.p };
}

/** Read once, at start-up. */
export const SCRYPT: ScryptCost = chooseScryptCost(process.env);

function scryptAsync(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password,
      salt,
      KEYLEN,
      { N: cost.N, r: cost.r, p: cost.p, maxmem: MAXMEM },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

const encode = (cost: ScryptCost, salt: Buffer, key: Buffer): string =>
  ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );

/** scrypt with a random salt: `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return encode(SCRYPT, salt, await scryptAsync(password, salt, SCRYPT));
}

interface StoredHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parseStored(stored: string): StoredHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const ok =
    Number.isInteger(N) &&
    N >= 2 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= MAX_R &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= MAX_P;
  if (!ok) return null;
  return {
    cost: { N, r, p },
    salt: Buffer.from(parts[4] ?? '', 'base64url'),
    key: Buffer.from(parts[5] ?? '', 'base64url'),
  };
}

/** Checks a password against a stored hash with the parameters stored in it (not today's). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made cheaper than new hashes are now (rehash it at the next login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.cost;
  return N * r * p < SCRYPT.N * SCRYPT.r * SCRYPT.p || N < SCRYPT.N;
}

/** A hash nothing matches, at today's cost: an unknown username costs as much as a known one. */
export const DUMMY_HASH = encode(SCRYPT, Buffer.alloc(16), Buffer.alloc(KEYLEN));
