/**
 * Where the kiosk keeps its device token between starts: encrypted with Electron's `safeStorage`
 * (the OS keychain, DPAPI, libsecret/kwallet) in `kiosk-token.enc`, or, where the OS offers no
 * real secret store (Linux without a keyring reports `basic_text`), in `kiosk-token` readable by
 * this user only (mode 0600). Never in the page's localStorage and never in the config file: the
 * config is meant to be copied between kiosks and read by whoever sets one up.
 *
 * The async safeStorage calls are used because the synchronous ones are deprecated in Electron 45
 * and removed in 46.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only; absent elsewhere. */
  getSelectedStorageBackend?(): string;
}

export interface TokenStore {
  read(): Promise<string | null>;
  write(token: string): Promise<void>;
  clear(): void;
  /** How the token is kept, for the log and the health report. */
  kind(): Promise<'safe-storage' | 'file-0600'>;
}

export const ENCRYPTED_FILE = 'kiosk-token.enc';
export const PLAIN_FILE = 'kiosk-token';
/** A device token is 43 URL-safe base64 characters; anything else read back is not ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

/** Writes through a temporary file and a rename, so a power cut never leaves half a token. */
function writePrivate(file: string, data: string | Buffer): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  chmodSync(tmp, 0o600); // an existing tmp file keeps its old mode through writeFileSync
  renameSync(tmp, file);
}

function readOrNull(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

export function createTokenStore(
  dir: string,
  safeStorage: SafeStorageLike | null,
  log: (line: string) => void,
): TokenStore {
  const encrypted = join(dir, ENCRYPTED_FILE);
  const plain = join(dir, PLAIN_FILE);
  const usable = async (): Promise<boolean> => {
    if (!safeStorage) return false;
    // basic_text is a hard-coded password: no better than the 0600 file, and it would hide that.
    if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false;
    try {
      return await safeStorage.isAsyncEncryptionAvailable();
    } catch {
      return false;
    }
  };
  const store: TokenStore = {
    async kind() {
      return (await usable()) ? 'safe-storage' : 'file-0600';
    },
    async read() {
      const sealed = readOrNull(encrypted);
      if (sealed && safeStorage) {
        try {
          const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
          if (TOKEN_SHAPE.test(result)) {
            if (shouldReEncrypt) await store.write(result);
            return result;
          }
        } catch (err) {
          log(`kiosk token: the encrypted token cannot be read (${(err as Error).message})`);
        }
      }
      const text = readOrNull(plain)?.toString('utf8').trim() ?? '';
      return TOKEN_SHAPE.test(text) ? text : null;
    },
    async write(token) {
      if (!TOKEN_SHAPE.test(token)) throw new Error('not a device token');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (await usable()) {
        writePrivate(encrypted, await safeStorage!.encryptStringAsync(token));
        rmSync(plain, { force: true });
      } else {
        writePrivate(plain, token);
        rmSync(encrypted, { force: true });
      }
    },
    clear() {
      rmSync(encrypted, { force: true });
      rmSync(plain, { force: true });
    },
  };
  return store;
}
