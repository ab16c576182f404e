/**
 * The staff PIN that lets staff leave the kiosk (a long press on the hidden top-left corner, then
 * the PIN). The config holds only its scrypt hash (`staffPinHash`), made with
 *
 *   npx tsx electron/kiosk/staff-pin.ts 4711
 *
 * so a config file read off a kiosk does not give the PIN away. Five wrong PINs lock the exit for
 * five minutes: a 4-digit PIN must not be guessable by a patient visitor.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export const PIN_HASH_SHAPE = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{40,}$/;
export const PIN_SHAPE = /^\d{4,8}$/;
const N = 16_384;
const R = 8;
const P = 1;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!PIN_SHAPE.test(pin)) throw new Error('a staff PIN is 4 to 8 digits');
  const hash = scryptSync(pin, salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  if (!PIN_SHAPE.test(pin) || !PIN_HASH_SHAPE.test(stored)) return false;
  const [, n, r, p, salt, hash] = stored.split('$') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const want = Buffer.from(hash, 'base64url');
  const got = scryptSync(pin, Buffer.from(salt, 'base64url'), want.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(got, want);
}

export interface PinGate {
  /** 'ok' once, 'wrong', or 'locked' while five wrong answers are fresh. */
  check(pin: string): 'ok' | 'wrong' | 'locked';
}

export function createPinGate(
  stored: string,
  now: () => number,
  { tries = 5, lockMs = 5 * 60_000 }: { tries?: number; lockMs?: number } = {},
): PinGate {
  let wrong = 0;
  let lockedUntil = 0;
  return {
    check(pin) {
      if (now() < lockedUntil) return 'locked';
      if (verifyPin(pin, stored)) {
        wrong = 0;
        return 'ok';
      }
      wrong += 1;
      if (wrong >= tries) {
        wrong = 0;
        lockedUntil = now() + lockMs;
        return 'locked';
      }
      return 'wrong';
    },
  };
}

if (process.argv[1]?.endsWith('staff-pin.ts')) {
  const pin = process.argv[2] ?? '';
  if (!PIN_SHAPE.test(pin)) {
    process.stderr.write('usage: npx tsx electron/kiosk/staff-pin.ts PIN   (4 to 8 digits)\n');
    process.exit(2);
  }
  process.stdout.write(`"staffPinHash": "${hashPin(pin)}"\n`);
}
