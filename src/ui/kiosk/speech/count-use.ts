/**
 * Tells the server that read-aloud was pressed (`POST /api/speech/used`), for the evaluation's
 * "read-aloud use" count. Most presses never fetch audio (a system voice, or audio fetched ahead
 * and kept on the kiosk), so the press is what counts. Fire and forget: offline it is not counted.
 */
export function countReadAloud(): void {
  if (typeof fetch !== 'function' || typeof location === 'undefined') return;
  fetch(`${location.origin}/api/speech/used`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}
