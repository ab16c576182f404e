/** `POST /api/password {current, next}` (protocol README section 2) as outcomes in words. */
export type PasswordOutcome =
  | { ok: true }
  | { ok: false; why: 'wrongCurrent' | 'same' | 'offline' | 'other' }
  | { ok: false; why: 'limited'; minutes: number };

export async function changePassword(current: string, next: string): Promise<PasswordOutcome> {
  let res: Response;
  try {
    res = await fetch('/api/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ current, next }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, why: 'offline' };
  }
  if (res.ok) return { ok: true };
  if (res.status === 429) {
    const seconds = Number(res.headers.get('retry-after') ?? '900');
    return { ok: false, why: 'limited', minutes: Math.max(1, Math.ceil(seconds / 60)) };
  }
  if (res.status === 403) return { ok: false, why: 'wrongCurrent' };
  if (res.status === 400) return { ok: false, why: 'same' };
  return { ok: false, why: 'other' };
}
