/**
 * The municipal admin's words and language: Danish unless English was chosen (the switch, kept
 * in this browser, or `?lang=en` in the address). The staff admin's namespace comes along for
 * the form kit this page shares with it (error summary, buttons).
 */
import type { i18n } from 'i18next';
import { z } from 'zod';
import { createI18nFor, type Lang } from '../shared/i18n/create-i18n.js';
import { shellWords } from '../staff/shell/words.js';
import { municipalWords } from './words.js';

export const municipalNamespaces = { municipal: municipalWords, staff: shellWords };

/** The Danish words, which type every `t()` key (see src/ui/shared/i18n/i18next.d.ts). */
export type MunicipalDanishResources = { municipal: (typeof municipalWords)['da'] };

const KEY = 'cg-municipal-lang';

export function initialLang(search = location.search): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'da') return asked;
  const stored = localStorage.getItem(KEY);
  return stored === 'en' ? 'en' : 'da';
}

/** The page, React Aria and zod's own messages in `lang`; remembered in this browser. */
export function applyLang(instance: i18n, lang: Lang): void {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  z.config(lang === 'da' ? z.locales.da() : z.locales.en());
  void instance.changeLanguage(lang);
}

export function createMunicipalI18n(lang: Lang): i18n {
  z.config(lang === 'da' ? z.locales.da() : z.locales.en());
  document.documentElement.lang = lang;
  return createI18nFor(lang, municipalNamespaces, 'municipal');
}
