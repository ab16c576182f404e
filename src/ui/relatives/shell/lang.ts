/**
 * The relative's language: what they chose with the switch on "Mere" (or the login page), kept on
 * this phone; until they choose, the browser's preference (English when it prefers English,
 * Danish otherwise). Every page reads its words with `useWords(itsWords)`.
 */
import { useSyncExternalStore } from 'react';
import { familyLang } from '../words.js';

export type Lang = 'da' | 'en';

const KEY = 'cg-family-lang';
const listeners = new Set<() => void>();

export function chosenLang(): Lang {
  const stored = localStorage.getItem(KEY);
  return stored === 'da' || stored === 'en' ? stored : familyLang();
}

export function setLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useLang(): Lang {
  const lang = useSyncExternalStore(subscribe, chosenLang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return lang;
}

/** A page's words (`defineWords({...da}, {...en})` in its words.ts) in the chosen language. */
export function useWords<T>(words: { da: T; en: unknown }): T {
  return words[useLang()] as T;
}
