import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ENCRYPTED_FILE,
  PLAIN_FILE,
  createTokenStore,
  type SafeStorageLike,
} from './token-store.js';

const TOKEN = 'u-Mw5RabcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
const dir = () => mkdtempSync(join(tmpdir(), 'cg-token-'));

/** safeStorage, faked: "encrypts" by reversing and tagging, so the file never holds the token. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    encryptStringAsync: (s) => Promise.resolve(Buffer.from(`enc:${[...s].reverse().join('')}`)),
    decryptStringAsync: (b) => {
      const text = b.toString('utf8');
      if (!text.startsWith('enc:')) return Promise.reject(new Error('bad data'));
      return Promise.resolve({
        result: [...text.slice(4)].reverse().join(''),
        shouldReEncrypt: false,
      });
    },
    getSelectedStorageBackend: () => backend,
  };
}

describe('kiosk token store', () => {
  it('keeps the token encrypted with safeStorage and reads it back after a restart', async () => {
    const d = dir();
    await createTokenStore(d, fakeSafeStorage(), () => {}).write(TOKEN);
    const onDisk = readFileSync(join(d, ENCRYPTED_FILE), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(statSync(join(d, ENCRYPTED_FILE)).mode & 0o777).toBe(0o600);
    // A new process: a new store over the same folder.
    const again = createTokenStore(d, fakeSafeStorage(), () => {});
    expect(await again.read()).toBe(TOKEN);
    expect(await again.kind()).toBe('safe-storage');
  });

  it('falls back to a file only this user can read where there is no real secret store', async () => {
    for (const safe of [null, fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const d = dir();
      const store = createTokenStore(d, safe, () => {});
      await store.write(TOKEN);
      expect(statSync(join(d, PLAIN_FILE)).mode & 0o777).toBe(0o600);
      expect(await store.kind()).toBe('file-0600');
      expect(await createTokenStore(d, safe, () => {}).read()).toBe(TOKEN);
    }
  });

  it('reads nothing from an empty folder, a damaged file or one that is not a token', async () => {
    const d = dir();
    const lines: string[] = [];
    const store = createTokenStore(d, fakeSafeStorage(), (l) => lines.push(l));
    expect(await store.read()).toBeNull();
    writeFileSync(join(d, ENCRYPTED_FILE), 'garbage');
    expect(await store.read()).toBeNull();
    expect(lines[0]).toMatch(/cannot be read/);
    writeFileSync(join(d, PLAIN_FILE), 'not a token!\n');
    expect(await createTokenStore(d, null, () => {}).read()).toBeNull();
    await expect(store.write('bad token with spaces')).rejects.toThrow(/not a device token/);
  });

  it('clear forgets the token', async () => {
    const d = dir();
    const store = createTokenStore(d, fakeSafeStorage(), () => {});
    await store.write(TOKEN);
    store.clear();
    expect(await store.read()).toBeNull();
  });
});
