/**
 * The read-aloud cache on disk is bounded: past its size cap the least recently used clips are
 * deleted (a cache hit counts as a use), so one kiosk asking for endless new texts cannot fill
 * the centre server's disk. A deleted clip is simply rendered again when asked for.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeEspeak, tinyWav } from '../helpers/fake-espeak.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const CLIP = tinyWav().length;
/** Room for three clips, not four. */
const CAP = CLIP * 3 + CLIP / 2;

let t: TestServer | null = null;
const scratch: string[] = [];
afterEach(async () => {
  await t?.close();
  t = null;
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(): ReturnType<typeof fakeEspeak> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-espeak-'));
  scratch.push(dir);
  return fakeEspeak(dir);
}

function cacheBytes(dataDir: string): number {
  const dir = join(dataDir, 'speech');
  let total = 0;
  for (const f of readdirSync(dir)) total += statSync(join(dir, f)).size;
  return total;
}

async function say(token: string, text: string): Promise<number> {
  const res = await fetch(`${t!.url}/api/speech?lang=da&text=${encodeURIComponent(text)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = Buffer.from(await res.arrayBuffer());
  expect(res.status).toBe(200);
  expect(body.toString('latin1', 0, 4)).toBe('RIFF');
  return body.length;
}

describe('the read-aloud cache', () => {
  it('never grows past its cap, keeps recently used clips and renders evicted ones again', async () => {
    const espeak = setup();
    t = await startTestServer({
      speech: { program: espeak.program, maxCacheBytes: CAP, rendersPerMinute: 1000 },
    });
    const kiosk = await t.kioskToken();

    for (const text of ['en', 'to', 'tre']) await say(kiosk, text);
    expect(espeak.renders()).toBe(3);
    expect(cacheBytes(t.dataDir)).toBe(3 * CLIP);

    // 'en' is used again, so 'to' is now the least recently used.
    await say(kiosk, 'en');
    expect(espeak.renders()).toBe(3);
    await say(kiosk, 'fire');
    expect(espeak.renders()).toBe(4);
    expect(cacheBytes(t.dataDir)).toBeLessThanOrEqual(CAP);

    // 'en', 'tre' and 'fire' are still there; 'to' was evicted and is rendered again.
    for (const text of ['en', 'tre', 'fire']) await say(kiosk, text);
    expect(espeak.renders()).toBe(4);
    await say(kiosk, 'to');
    expect(espeak.renders()).toBe(5);

    // A long stream of new texts never takes the cache over its cap.
    for (let i = 0; i < 30; i++) {
      await say(kiosk, `tekst nummer ${i}`);
      expect(cacheBytes(t.dataDir)).toBeLessThanOrEqual(CAP);
    }
    expect(readdirSync(join(t.dataDir, 'speech'))).toHaveLength(3);
  });

  it('trims a cache left over its cap (a smaller cap after a restart), oldest first', async () => {
    const espeak = setup();
    t = await startTestServer({
      speech: { program: espeak.program, maxCacheBytes: CLIP * 10, rendersPerMinute: 1000 },
    });
    const kiosk = await t.kioskToken();
    for (const text of ['a', 'b', 'c', 'd']) await say(kiosk, text);
    await say(kiosk, 'a'); // used last
    await t.restart({ speech: { program: espeak.program, maxCacheBytes: CLIP * 2 + 1 } });
    expect(cacheBytes(t.dataDir)).toBeLessThanOrEqual(CLIP * 2 + 1);
    const before = espeak.renders();
    await say(kiosk, 'a');
    await say(kiosk, 'd');
    expect(espeak.renders()).toBe(before);
  });

  it('has a default cap of 200 MB', async () => {
    const { DEFAULT_SPEECH_CACHE_BYTES } =
      await import('../../src/server/speech/speech-service.js');
    expect(DEFAULT_SPEECH_CACHE_BYTES).toBe(200 * 1024 * 1024);
  });
});
