/**
 * The web app manifest of the relatives' pages, so a relative can put the page on their phone's
 * home screen (Android's "Installer", iPhone's "Føj til hjemmeskærm"): it opens at /family/ in
 * its own window. Emitted at build time with the icons it names (icons-plugin.ts).
 */
export const THEME_COLOR = '#0b4f8a';

/** Each icon: its file under /family/, its size, drawn from which picture, and its purpose. */
export const icons = [
  { file: 'icons/icon-192.png', size: 192, svg: 'icon.svg', purpose: 'any' },
  { file: 'icons/icon-512.png', size: 512, svg: 'icon.svg', purpose: 'any' },
  { file: 'icons/maskable-192.png', size: 192, svg: 'icon-maskable.svg', purpose: 'maskable' },
  { file: 'icons/maskable-512.png', size: 512, svg: 'icon-maskable.svg', purpose: 'maskable' },
  // iOS ignores the manifest's icons: <link rel="apple-touch-icon"> names this one (no
  // transparency, iOS rounds the corners itself, so the full-bleed picture).
  { file: 'icons/apple-touch-icon.png', size: 180, svg: 'icon-maskable.svg', purpose: null },
] as const;

export const manifest = {
  id: '/family/',
  name: 'Borgerguide – pårørende',
  short_name: 'Borgerguide',
  description: 'Følg med i din pårørendes dag på centret: ugen, nyheder og billeder.',
  lang: 'da',
  dir: 'ltr',
  start_url: '/family/',
  scope: '/family/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: THEME_COLOR,
  icons: icons
    .filter((i) => i.purpose !== null)
    .map((i) => ({
      src: `/family/${i.file}`,
      sizes: `${i.size}x${i.size}`,
      type: 'image/png',
      purpose: i.purpose,
    })),
};
