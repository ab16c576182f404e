/**
 * Read-aloud audio (`GET /api/speech`): the real eSpeak NG renders Danish to WAV once and the
 * disk cache serves it after; a fake eSpeak (a shell script) counts renders and plays a missing,
 * failing or hanging program. Real server on a free port, fresh data directory per test.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../src/server/auth/accounts.js';
import { locateProgram } from '../../src/server/speech/espeak.js';
import type { ServerOptions } from '../../src/server/index.js';
import { fakeEspeak, type FakeMode } from '../helpers/fake-espeak.js';
import { withoutNodeLabel } from '../helpers/metrics-text.js';
import { captureLog, type CapturedLog } from '../helpers/log-capture.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const SENTENCE = 'I dag klokken tre er der kaffe og kage i fællesstuen. Alle er velkomne.';
let t: TestServer | null = null;
let log: CapturedLog;
const scratch: string[] = [];

afterEach(async () => {
  await t?.close();
  t = null;
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(speech: ServerOptions['speech'] = {}): Promise<TestServer> {
  log = captureLog('debug');
  t = await startTestServer({ logger: log.logger, speech });
  return t;
}

function withFake(mode: FakeMode = 'ok', delaySeconds = 0): ReturnType<typeof fakeEspeak> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-espeak-'));
  scratch.push(dir);
  return fakeEspeak(dir, mode, delaySeconds);
}

const speechUrl = (text: string, lang = 'da'): string =>
  `/api/speech?lang=${lang}&text=${encodeURIComponent(text)}`;

async function get(path: string, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t!.url}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const body = Buffer.from(await res.arrayBuffer());
  return { res, body, json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown> };
}

describe('read-aloud with the real eSpeak NG', () => {
  it('is installed here (tests/tools/setup.sh installs Debian’s espeak-ng)', () => {
    expect(locateProgram('espeak-ng'), 'espeak-ng is not on PATH').not.toBeNull();
  });

  it('says at start-up that audio is available, with the voices it found', async () => {
    await start();
    const [line, ...more] = log.find(/^read-aloud:/);
    expect(more).toHaveLength(0);
    expect(line).toMatchObject({ level: 30, voices: ['da', 'en'] });
    expect(line?.msg).toMatch(/audio available from \/.*espeak-ng \(eSpeak NG 1\.\d+.*da and en/);
  });

  it('renders a Danish sentence to WAV once, then serves it from the cache', async () => {
    await start();
    const kiosk = await t!.kioskToken();
    const t0 = performance.now();
    const first = await get(speechUrl(SENTENCE), kiosk);
    const firstMs = performance.now() - t0;
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toBe('audio/wav');
    expect(first.res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const wav = first.body;
    expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
    expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    // About 5 s of speech at 22 kHz, 16 bit: well over 50 KB, well under 2 MB.
    expect(wav.length).toBeGreaterThan(50_000);
    expect(wav.length).toBeLessThan(2_000_000);
    // The sizes eSpeak leaves open on a pipe are filled in.
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);

    const file = join(t!.dataDir, 'speech', `${etag!.slice(1, -1)}.wav`);
    const mtime = statSync(file).mtimeMs;
    const t1 = performance.now();
    const second = await get(speechUrl(SENTENCE), kiosk);
    const cachedMs = performance.now() - t1;
    expect(second.res.status).toBe(200);
    expect(second.body.equals(wav)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
    const metrics = withoutNodeLabel(await (await fetch(`${t!.url}/metrics`)).text());
    expect(metrics).toMatch(/^citizen_guide_speech_renders 1$/m);
    expect(metrics).toMatch(/^citizen_guide_speech_cache_hits 1$/m);
    // Whitespace differences are the same text, and the browser may revalidate with the ETag.
    expect((await get(speechUrl(`  ${SENTENCE.replace(/ /g, '\n')} `), kiosk)).body).toEqual(wav);
    expect((await get(speechUrl(SENTENCE), kiosk, { 'if-none-match': etag! })).res.status).toBe(
      304,
    );
    console.log(`speech: first ${firstMs.toFixed(0)} ms, cached ${cachedMs.toFixed(1)} ms`);
  });

  it('reads English, and reads option-like text aloud instead of obeying it', async () => {
    await start();
    const staff = await t!.userToken('staff');
    const english = await get(speechUrl('Coffee and cake at three o’clock.', 'en'), staff);
    expect(english.res.status).toBe(200);
    const sneaky = await get(speechUrl('--version -v en; rm -rf / $(reboot)'), staff);
    expect(sneaky.res.status).toBe(200);
    expect(sneaky.body.toString('latin1', 0, 4)).toBe('RIFF');
  });
});

describe('sharing renders', () => {
  it('renders two identical requests arriving together once', async () => {
    const fake = withFake('ok', 0.3);
    await start({ program: fake.program });
    const kiosk = await t!.kioskToken();
    const [a, b] = await Promise.all([get(speechUrl('Hej'), kiosk), get(speechUrl('Hej'), kiosk)]);
    expect([a.res.status, b.res.status]).toEqual([200, 200]);
    expect(a.body.equals(b.body)).toBe(true);
    expect(fake.renders()).toBe(1);
    expect(fake.texts()).toEqual(['Hej']);
  });

  it('runs at most two renders at once and queues the rest', async () => {
    const fake = withFake('ok', 0.2);
    await start({ program: fake.program });
    const kiosk = await t!.kioskToken();
    const texts = ['en', 'to', 'tre', 'fire', 'fem', 'seks'];
    const answers = await Promise.all(texts.map((x) => get(speechUrl(x), kiosk)));
    expect(answers.map((a) => a.res.status)).toEqual(texts.map(() => 200));
    expect(fake.renders()).toBe(6);
    expect(fake.maxConcurrent()).toBe(2);
  });
});

describe('who may ask', () => {
  it('needs a kiosk token or a staff login; revoked kiosks and relatives are refused', async () => {
    await start({ program: withFake().program });
    const none = await get(speechUrl('Hej'));
    expect(none.res.status).toBe(401);
    expect(none.json()).toEqual({ error: 'unauthorized', message: expect.any(String) as string });
    expect((await get(speechUrl('Hej'), 'not-a-token')).res.status).toBe(401);

    const { token, deviceId } = await t!.enrolKiosk();
    expect((await get(speechUrl('Hej'), token)).res.status).toBe(200);
    await revokeDevice(t!.server.store.db, deviceId);
    // Refused even for a text already in the cache.
    const revoked = await get(speechUrl('Hej'), token);
    expect(revoked.res.status).toBe(401);
    expect(revoked.json()).toMatchObject({ error: 'unauthorized' });

    const staff = await t!.userToken('staff');
    const byCookie = await get(speechUrl('Hej'), undefined, { cookie: `cg_session=${staff}` });
    expect(byCookie.res.status).toBe(200);
    const relative = await get(speechUrl('Hej'), await t!.userToken('relative', ['r1']));
    expect(relative.res.status).toBe(403);
    expect(relative.json()).toMatchObject({ error: 'forbidden' });
  });
});

describe('bad requests', () => {
  it('answers 400 with a message, renders nothing and keeps serving', async () => {
    const fake = withFake();
    await start({ program: fake.program });
    const kiosk = await t!.kioskToken();
    const cases: [string, RegExp][] = [
      [speechUrl('x'.repeat(601)), /longer than 600/],
      [speechUrl(''), /missing or empty/],
      [speechUrl('   \n '), /missing or empty/],
      ['/api/speech?lang=da', /missing or empty/],
      [speechUrl('Hej', 'sv'), /lang must be/],
      [speechUrl('Hej', 'DA'), /lang must be/],
      [`/api/speech?text=Hej`, /lang must be/],
      [speechUrl('Hej\u0000med dig'), /control characters/],
      [speechUrl('Hej \u001b[31m'), /control characters/],
      [speechUrl('Ding\u0007'), /control characters/],
      [speechUrl('Hej\u0085'), /control characters/],
    ];
    for (const [path, message] of cases) {
      const { res, json } = await get(path, kiosk);
      expect(res.status, path.slice(0, 60)).toBe(400);
      expect(json()).toMatchObject({ error: 'invalid' });
      expect(json().message).toMatch(message);
    }
    expect(fake.renders()).toBe(0);
    // Broken percent-escapes are just text; 600 characters is still fine.
    expect((await get('/api/speech?lang=da&text=%ZZ%E6%', kiosk)).res.status).toBe(200);
    const longest = await get(speechUrl('æ'.repeat(600)), kiosk);
    expect(longest.res.status).toBe(200);
    expect((await fetch(`${t!.url}/healthz`)).status).toBe(200);
  });
});

describe('without a working eSpeak', () => {
  it('answers 503 no_voice when the program is missing, and the start-up log says so', async () => {
    await start({ program: '/nowhere/espeak-ng' });
    const [line, ...more] = log.find(/^read-aloud:/);
    expect(more).toHaveLength(0);
    expect(line).toMatchObject({ level: 40 });
    expect(line?.msg).toMatch(/espeak-ng not found; .*'no voice'.*Install Debian's espeak-ng/);
    const { res, json } = await get(speechUrl('Hej'), await t!.kioskToken());
    expect(res.status).toBe(503);
    expect(json()).toEqual({ error: 'no_voice', message: expect.any(String) as string });
  });

  it('takes the program from CITIZEN_GUIDE_ESPEAK', async () => {
    process.env.CITIZEN_GUIDE_ESPEAK = '/from/the/environment/espeak-ng';
    try {
      await start();
    } finally {
      delete process.env.CITIZEN_GUIDE_ESPEAK;
    }
    expect(log.find(/^read-aloud:/)[0]).toMatchObject({
      program: '/from/the/environment/espeak-ng',
    });
  });

  it('answers 503 no_voice when a render fails or hangs, and caches nothing', async () => {
    const failing = withFake('fail');
    await start({ program: failing.program });
    const kiosk = await t!.kioskToken();
    for (let i = 0; i < 2; i++) {
      const { res, json } = await get(speechUrl('Hej'), kiosk);
      expect(res.status).toBe(503);
      expect(json()).toMatchObject({ error: 'no_voice' });
    }
    expect(failing.renders()).toBe(2);
    expect(log.find(/render failed/)[0]).toMatchObject({ err: matchingText(/voice exploded/) });
    await t!.close();

    const hanging = withFake('hang');
    await start({ program: hanging.program, timeoutMs: 500 });
    const started = Date.now();
    const { res } = await get(speechUrl('Hej'), await t!.kioskToken());
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(existsSync(join(t!.dataDir, 'speech'))).toBe(false);
  });
});

describe('rate limit', () => {
  it('refuses a kiosk too many new texts a minute; cached texts and other kiosks still work', async () => {
    const fake = withFake();
    await start({ program: fake.program, rendersPerMinute: 3 });
    const kiosk = await t!.kioskToken('busy');
    for (const x of ['en', 'to', 'tre'])
      expect((await get(speechUrl(x), kiosk)).res.status).toBe(200);
    const limited = await get(speechUrl('fire'), kiosk);
    expect(limited.res.status).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(limited.res.headers.get('retry-after')).toBe('60');
    expect((await get(speechUrl('en'), kiosk)).res.status).toBe(200);
    expect((await get(speechUrl('fire'), await t!.kioskToken('calm'))).res.status).toBe(200);
    expect(fake.renders()).toBe(4);
  });
});

function matchingText(re: RegExp): unknown {
  return expect.stringMatching(re) as unknown;
}
