import { describe, expect, it } from 'vitest';
import { namespaces } from './resources.js';

/** Every key path of a words object, with its text. */
function entries(words: unknown, prefix = ''): [string, string][] {
  if (typeof words === 'string') return [[prefix, words]];
  return Object.entries(words as Record<string, unknown>).flatMap(([k, v]) =>
    entries(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('the kiosk words', () => {
  for (const [ns, words] of Object.entries(namespaces)) {
    it(`${ns}: English has every Danish text, none empty, with the same placeholders`, () => {
      const da = new Map(entries(words.da));
      const en = new Map(entries(words.en));
      expect([...en.keys()].sort()).toEqual([...da.keys()].sort());
      for (const [key, text] of [...da, ...en]) expect(text.trim(), key).not.toBe('');
      const holes = (t: string) => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      for (const [key, text] of da) expect(holes(en.get(key) ?? ''), key).toEqual(holes(text));
    });
  }

  it('uses "tilmeld" for signing up, never "skriv op"', () => {
    const all = Object.values(namespaces).flatMap((w) => entries(w.da).map(([, t]) => t));
    expect(all.filter((t) => /skriv (dig |mig )?op/i.test(t))).toEqual([]);
  });
});
