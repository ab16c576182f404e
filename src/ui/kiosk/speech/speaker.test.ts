import { describe, expect, it } from 'vitest';
import { Speaker, type SpeakerDeps } from './speaker.js';

function deps(over: Partial<SpeakerDeps> & { status?: number; down?: boolean } = {}) {
  const calls = { fetched: [] as string[], played: 0, spokenBySystem: [] as string[] };
  const clips = new Map<string, ArrayBuffer>();
  const d: SpeakerDeps = {
    synth: null,
    fetchAudio: (text) => {
      calls.fetched.push(text);
      if (over.down) return Promise.reject(new TypeError('network'));
      return Promise.resolve(
        new Response(over.status === 503 ? '{}' : 'RIFF', { status: over.status ?? 200 }),
      );
    },
    cache: {
      get: (k) => Promise.resolve(clips.get(k)),
      put: (k, a) => Promise.resolve(void clips.set(k, a)),
    },
    play: () => {
      calls.played++;
      return Promise.resolve();
    },
    stopAudio: () => undefined,
    ...over,
  };
  return { d, calls, clips };
}

describe('read-aloud', () => {
  it('uses a Danish system voice when the machine has one, and never asks the server', async () => {
    const spoken: string[] = [];
    const { d, calls } = deps({
      synth: {
        getVoices: () => [
          { lang: 'en-US', name: 'en' },
          { lang: 'da-DK', name: 'Sara' },
        ],
        speak: () => undefined,
        cancel: () => undefined,
      },
      utter: (text, _lang, _voice, done) => {
        spoken.push(text);
        done();
        return {} as SpeechSynthesisUtterance;
      },
    });
    expect(await new Speaker(d).speak('Frokost. Klokken 12.', 'da')).toBe('spoken');
    expect(spoken).toEqual(['Frokost. Klokken 12.']);
    expect(calls.fetched).toEqual([]);
  });

  it('plays the server’s audio without a system voice, fetched once and then from the cache', async () => {
    const { d, calls } = deps({
      synth: {
        getVoices: () => [{ lang: 'en-US', name: 'en' }],
        speak: () => undefined,
        cancel: () => undefined,
      },
    });
    const s = new Speaker(d);
    expect(await s.speak('Frokost.', 'da')).toBe('spoken');
    expect(await s.speak('Frokost.', 'da')).toBe('spoken');
    expect(calls.fetched).toEqual(['Frokost.']);
    expect(calls.played).toBe(2);
  });

  it('shows "no voice" when the server has none, and says "offline" when it cannot be reached', async () => {
    const none = new Speaker(deps({ status: 503 }).d);
    expect(await none.speak('Frokost.', 'da')).toBe('no-voice');
    expect(none.getState().noVoice).toBe(true);
    const down = new Speaker(deps({ down: true }).d);
    expect(await down.speak('Frokost.', 'da')).toBe('offline');
    expect(down.getState()).toMatchObject({ noVoice: false, problem: 'offline', speaking: null });
  });

  it('fetches ahead what is on screen, so it plays offline later', async () => {
    const { d, calls } = deps();
    const s = new Speaker(d);
    expect(await s.prefetch(['A.', 'B.', 'A.'], 'da')).toBe(2);
    expect(calls.fetched).toEqual(['A.', 'B.']);
    // Now the network is gone: both still play from the clip cache.
    d.fetchAudio = () => Promise.reject(new TypeError('network'));
    expect(await s.speak('B.', 'da')).toBe('spoken');
  });

  it('stops fetching ahead at the first failure', async () => {
    const { d, calls } = deps({ down: true });
    expect(await new Speaker(d).prefetch(['A.', 'B.', 'C.'], 'da')).toBe(0);
    expect(calls.fetched).toEqual(['A.']);
  });
});
