/**
 * Checks every client event payload passes before any schema sees it: its size in UTF-8 bytes
 * (what the protocol's limit is stated in) and keys that would touch an object's prototype.
 */

/**
 * Keys a payload may never hold, at any depth. No schema of ours has them, and `__proto__` in
 * particular survives JSON parsing as an own key but disappears (or rewires a prototype) when
 * the object is copied by assignment, so an unknown-key check could miss it.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The first forbidden key found anywhere in `value` (depth-first, without recursion), or null. */
export function findForbiddenKey(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.includes(key)) return key;
      stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return null;
}

/** UTF-8 byte length of a string (no copy; a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** UTF-8 byte length of `value` serialised as JSON; Infinity when it cannot be serialised. */
export function jsonBytes(value: unknown): number {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 0 : utf8Length(json);
  } catch {
    return Infinity;
  }
}
