import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNotices, DONE_NOTICE_MS, followAnswer } from './notices.js';

interface N {
  id: string;
  text: string;
}

/** The engine's answers, emitted by hand; `listeners()` counts who still listens. */
function fakeEngine() {
  const listeners = new Map<string, Set<(p: { id: string }) => void>>();
  return {
    on: ((event: string, l: (p: { id: string }) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(l);
      listeners.set(event, set);
      return () => set.delete(l);
    }) as never,
    emit: (event: string, id: string) => {
      for (const l of [...(listeners.get(event) ?? [])]) l({ id });
    },
    listeners: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

function follow(id: string, online: boolean) {
  const store = createNotices<N>();
  const engine = fakeEngine();
  const { show, dismiss } = store.getState();
  followAnswer(engine, id, {
    online,
    queued: { id, text: 'queued' },
    done: { id, text: 'done' },
    show,
    dismiss,
  });
  return { engine, texts: () => store.getState().list.map((n) => n.text) };
}

afterEach(() => vi.useRealTimers());

describe('followAnswer', () => {
  it('says queued while offline, done when applied, and takes done away after a while', () => {
    vi.useFakeTimers();
    const { engine, texts } = follow('m-1', false);
    expect(texts()).toEqual(['queued']);
    engine.emit('applied', 'm-2');
    expect(texts()).toEqual(['queued']);
    engine.emit('applied', 'm-1');
    expect(texts()).toEqual(['done']);
    expect(engine.listeners()).toBe(0);
    vi.advanceTimersByTime(DONE_NOTICE_MS);
    expect(texts()).toEqual([]);
  });

  it('shows nothing at once while online, and nothing after a refusal', () => {
    const { engine, texts } = follow('m-1', true);
    expect(texts()).toEqual([]);
    engine.emit('rejected', 'm-1');
    expect(texts()).toEqual([]);
    expect(engine.listeners()).toBe(0);
  });

  it('keeps one notice at a time', () => {
    const store = createNotices<N>();
    store.getState().show({ id: 'a', text: 'A' });
    store.getState().show({ id: 'b', text: 'B' });
    expect(store.getState().list).toEqual([{ id: 'b', text: 'B' }]);
  });
});
