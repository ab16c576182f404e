/**
 * Drafts of half-filled forms, in the browser's storage under one prefix, so a closed tab or a
 * reload brings them back; all of them go at logout (clearDrafts), with the rest of the cache.
 */
const PREFIX = 'cg-staff-draft:';

export interface Draft {
  at: string;
  values: unknown;
}

export function readDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    return typeof d.at === 'string' && d.values !== undefined ? (d as Draft) : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, values: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ at: new Date().toISOString(), values }));
  } catch {
    // Storage full or blocked: the form still works, only without a draft.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing to clear.
  }
}

export function clearDrafts(): void {
  try {
    for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX)) localStorage.removeItem(k);
  } catch {
    // Nothing to clear.
  }
}
