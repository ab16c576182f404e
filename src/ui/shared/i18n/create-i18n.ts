/**
 * One i18next instance per page (and per test), created synchronously so the first paint
 * already has its words: Danish by default, English complete. Each front end passes its own
 * namespaces (every screen keeps its words in a `words.ts` beside it, see words.ts).
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Lang = 'da' | 'en';

interface Namespaced {
  da: Record<string, unknown>;
  en: Record<string, unknown>;
}

/** `{ da: { ns: words }, en: { ns: words } }` from `{ ns: { da, en } }`. */
export function resourcesOf(namespaces: Record<string, Namespaced>) {
  return {
    da: Object.fromEntries(Object.entries(namespaces).map(([ns, w]) => [ns, w.da])),
    en: Object.fromEntries(Object.entries(namespaces).map(([ns, w]) => [ns, w.en])),
  };
}

export function createI18nFor(
  lang: Lang,
  namespaces: Record<string, Namespaced>,
  defaultNS: string,
): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'da',
    resources: resourcesOf(namespaces),
    ns: Object.keys(namespaces),
    defaultNS,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
