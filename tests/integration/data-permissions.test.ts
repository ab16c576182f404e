/**
 * The data directory holds residents' photos, their PIN hashes, session hashes and read-aloud
 * audio: nobody but the server's own user may read it. A fresh server creates its directories
 * 0700 and its files 0600 (the SQLite WAL and SHM too), and a server started on a directory that
 * others can read says so in a warning.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { putMedia } from '../../src/server/media/media-store.js';
import { DB_FILE } from '../../src/server/store/sqlite.js';
import { fakeEspeak } from '../helpers/fake-espeak.js';
import { resident } from '../helpers/fixtures.js';
import { captureLog } from '../helpers/log-capture.js';
import { apply, startTestServer, type TestServer } from '../helpers/test-server.js';

let t: TestServer | null = null;
const scratch: string[] = [];
afterEach(async () => {
  await t?.close();
  t = null;
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8).padStart(4, '0');

describe('the data directory', () => {
  it('is created 0700 with files 0600: database, WAL, SHM, media and speech cache', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'cg-perm-'));
    scratch.push(parent);
    const espeak = mkdtempSync(join(tmpdir(), 'cg-espeak-'));
    scratch.push(espeak);
    const dataDir = join(parent, 'data');
    t = await startTestServer({ dataDir, speech: { program: fakeEspeak(espeak).program } });
    // A write, so the WAL holds something; a photo; a read-aloud clip.
    await apply(await t.staff(), 'resident.put', resident('r-perm'));
    await putMedia(dataDir, Buffer.from('GIF89a-photo'));
    const kiosk = await t.kioskToken();
    const speech = await fetch(`${t.url}/api/speech?lang=da&text=Hej`, {
      headers: { authorization: `Bearer ${kiosk}` },
    });
    expect(speech.status).toBe(200);
    await speech.arrayBuffer();

    expect(mode(dataDir)).toBe('0700');
    for (const file of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
      expect(existsSync(join(dataDir, file)), file).toBe(true);
      expect(mode(join(dataDir, file)), file).toBe('0600');
    }
    for (const dir of ['media', 'speech']) {
      expect(mode(join(dataDir, dir)), dir).toBe('0700');
      const files = readdirSync(join(dataDir, dir));
      expect(files.length, dir).toBeGreaterThan(0);
      for (const f of files) expect(mode(join(dataDir, dir, f)), `${dir}/${f}`).toBe('0600');
    }
  });

  it('that others can read is named in a warning at start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cg-perm-'));
    scratch.push(dataDir);
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'media'), { mode: 0o755 });
    chmodSync(join(dataDir, 'media'), 0o755);
    const log = captureLog('info');
    t = await startTestServer({ dataDir, logger: log.logger });
    const warnings = log
      .find(/other users on this machine can access/)
      .filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.msg)).toContain(dataDir);
    expect(String(warnings[0]?.msg)).toContain(join(dataDir, 'media'));
    expect(String(warnings[0]?.msg)).not.toContain(DB_FILE);
  });

  it('that only the server can read gives no warning', async () => {
    const log = captureLog('info');
    t = await startTestServer({ logger: log.logger });
    expect(log.find(/other users on this machine can access/)).toEqual([]);
  });
});
