/**
 * The shell's own calm full-screen messages (a removed kiosk, a crash loop), for when the kiosk
 * page cannot or should not run. Plain HTML in a `data:` address: no script, no network, nothing
 * to crash again, readable from across the room (KIOSK-UX: large type, short sentences, calm
 * colours, no error box).
 */
export type ShellScreen = 'removed' | 'crash-loop';
type Lang = 'da' | 'en';

const words: Record<Lang, Record<ShellScreen, { title: string; lines: string[] }>> = {
  da: {
    removed: {
      title: 'Denne skærm er fjernet',
      lines: [
        'Personalet har taget skærmen ud af brug.',
        'Spørg personalet, hvis du har brug for den.',
      ],
    },
    'crash-loop': {
      title: 'Skærmen hviler lidt',
      lines: [
        'Skærmen prøver igen om lidt af sig selv.',
        'Spørg personalet, hvis det varer længe.',
      ],
    },
  },
  en: {
    removed: {
      title: 'This screen has been removed',
      lines: ['The staff have taken this screen out of use.', 'Ask the staff if you need it.'],
    },
    'crash-loop': {
      title: 'The screen is resting',
      lines: ['The screen will try again by itself soon.', 'Ask the staff if it takes long.'],
    },
  },
};

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function shellScreenHtml(screen: ShellScreen, lang: Lang): string {
  const w = words[lang][screen];
  return [
    '<!doctype html><html lang="' + lang + '"><head><meta charset="utf-8">',
    // No script at all, and nothing loaded from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escape(w.title)}</title><style>`,
    'html,body{margin:0;height:100%;background:#f7f4ee;color:#1d1d1b;font-family:sans-serif}',
    'main{height:100%;display:flex;flex-direction:column;justify-content:center;padding:0 8vw;box-sizing:border-box}',
    'h1{font-size:max(48px,4.5vmin);margin:0 0 .6em}p{font-size:max(32px,3vmin);line-height:1.4;margin:0 0 .4em}',
    '</style></head><body><main>',
    `<h1>${escape(w.title)}</h1>`,
    ...w.lines.map((l) => `<p>${escape(l)}</p>`),
    '</main></body></html>',
  ].join('');
}

export const shellScreenUrl = (screen: ShellScreen, lang: Lang): string =>
  `data:text/html;charset=utf-8,${encodeURIComponent(shellScreenHtml(screen, lang))}`;
