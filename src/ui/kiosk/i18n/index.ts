/**
 * i18next for the kiosk: Danish by default, English complete. One instance per page (and per
 * test), created synchronously so the first paint already has its words.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../settings.js';
import { namespaces, resources } from './resources.js';

export function createI18n(lang: Lang): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'da',
    resources,
    ns: Object.keys(namespaces),
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
