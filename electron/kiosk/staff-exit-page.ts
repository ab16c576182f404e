/**
 * The staff exit's PIN page: shown in a small window of its own over the wall after a long press
 * on the hidden corner. Plain HTML from a `data:` address with one inline script, allowed by its
 * hash and nothing else (no network, no other script). It talks to main only through
 * `window.staffExit` (staff-exit-preload.ts).
 */
import { createHash } from 'node:crypto';

const words = {
  da: {
    title: 'Personale: luk skærmen',
    pin: 'Skriv din PIN-kode',
    ok: 'Luk skærmen',
    cancel: 'Tilbage',
    clear: 'Slet',
    wrong: 'Forkert kode. Prøv igen.',
    locked: 'For mange forsøg. Vent fem minutter.',
  },
  en: {
    title: 'Staff: close the screen',
    pin: 'Type your PIN',
    ok: 'Close the screen',
    cancel: 'Back',
    clear: 'Clear',
    wrong: 'Wrong PIN. Try again.',
    locked: 'Too many tries. Wait five minutes.',
  },
};

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function script(w: (typeof words)['da']): string {
  // Plain ES2020 in the page; the messages are JSON-quoted, never spliced as code.
  return `(() => {
const msg = ${JSON.stringify({ wrong: w.wrong, locked: w.locked })};
let pin = '';
const shown = document.getElementById('pin');
const note = document.getElementById('note');
const show = () => { shown.textContent = '\\u25CF'.repeat(pin.length); };
document.querySelectorAll('[data-digit]').forEach((b) => b.addEventListener('click', () => {
  if (pin.length < 8) pin += b.dataset.digit; note.textContent = ''; show();
}));
document.getElementById('clear').addEventListener('click', () => { pin = ''; show(); });
document.getElementById('cancel').addEventListener('click', () => window.staffExit.cancel());
document.getElementById('ok').addEventListener('click', async () => {
  const answer = await window.staffExit.submit(pin);
  pin = ''; show();
  if (answer !== 'ok') note.textContent = msg[answer] || msg.wrong;
});
})();`;
}

export function staffExitHtml(lang: 'da' | 'en'): string {
  const w = words[lang];
  const js = script(w);
  const hash = createHash('sha256').update(js).digest('base64');
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']
    .map((d) => `<button type="button" data-digit="${d}">${d}</button>`)
    .join('');
  return [
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${hash}'">`,
    `<title>${escape(w.title)}</title><style>`,
    'body{margin:0;font-family:sans-serif;background:#1d1d1b;color:#fff;padding:24px}',
    'h1{font-size:36px;margin:0 0 8px}p{font-size:28px;margin:8px 0;min-height:1.3em}',
    '#pin{font-size:40px;letter-spacing:.3em;min-height:1.2em}',
    '.pad{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;margin:16px 0}',
    'button{min-height:80px;font-size:32px;border-radius:12px;border:0;background:#f7f4ee;color:#1d1d1b}',
    '.row{display:flex;gap:16px}.row button{flex:1}#ok{background:#ffd400}',
    '</style></head><body>',
    `<h1>${escape(w.title)}</h1><p>${escape(w.pin)}</p><div id="pin" aria-live="polite"></div>`,
    `<p id="note" role="status"></p><div class="pad">${digits}<button type="button" id="clear">${escape(w.clear)}</button></div>`,
    `<div class="row"><button type="button" id="cancel">${escape(w.cancel)}</button><button type="button" id="ok">${escape(w.ok)}</button></div>`,
    `<script>${js}</script></body></html>`,
  ].join('');
}

export const staffExitUrl = (lang: 'da' | 'en'): string =>
  `data:text/html;charset=utf-8,${encodeURIComponent(staffExitHtml(lang))}`;
