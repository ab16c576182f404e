/**
 * The 14 allergens EU Regulation 1169/2011 (Annex II) requires a menu to name, once for the whole
 * product: the staff meal form offers them as choices, the CSV import reads them (by code or by
 * name, in Danish or English), and the wall shows their names. A meal stores the codes.
 * Records written before the list existed may hold free words ("mælk"): they are shown as
 * written.
 */
import { z } from 'zod';

export const ALLERGENS = [
  { code: 'gluten', da: 'gluten', en: 'gluten', aliases: ['hvede', 'wheat'] },
  { code: 'crustaceans', da: 'krebsdyr', en: 'crustaceans', aliases: ['rejer', 'shrimp'] },
  { code: 'eggs', da: 'æg', en: 'eggs', aliases: ['egg'] },
  { code: 'fish', da: 'fisk', en: 'fish', aliases: [] },
  { code: 'peanuts', da: 'jordnødder', en: 'peanuts', aliases: ['peanut'] },
  { code: 'soy', da: 'soja', en: 'soy', aliases: ['soya'] },
  { code: 'milk', da: 'mælk', en: 'milk', aliases: ['laktose', 'lactose'] },
  { code: 'nuts', da: 'nødder', en: 'tree nuts', aliases: ['skalfrugter', 'nuts'] },
  { code: 'celery', da: 'selleri', en: 'celery', aliases: [] },
  { code: 'mustard', da: 'sennep', en: 'mustard', aliases: [] },
  { code: 'sesame', da: 'sesam', en: 'sesame', aliases: ['sesamfrø'] },
  {
    code: 'sulphites',
    da: 'svovldioxid og sulfitter',
    en: 'sulphur dioxide and sulphites',
    aliases: ['sulfitter', 'svovldioxid', 'sulfites', 'sulphites'],
  },
  { code: 'lupin', da: 'lupin', en: 'lupin', aliases: [] },
  { code: 'molluscs', da: 'bløddyr', en: 'molluscs', aliases: ['muslinger'] },
] as const;

export type AllergenCode = (typeof ALLERGENS)[number]['code'];
export const ALLERGEN_CODES = ALLERGENS.map((a) => a.code) as [AllergenCode, ...AllergenCode[]];
export const AllergenCode = z.enum(ALLERGEN_CODES);

const byCode = new Map<string, (typeof ALLERGENS)[number]>(ALLERGENS.map((a) => [a.code, a]));

/** The allergen's name in the UI's language; a word from before the list is shown as written. */
export function allergenName(code: string, lang: 'da' | 'en'): string {
  return byCode.get(code)?.[lang] ?? code;
}

const normal = (s: string): string => s.normalize('NFC').trim().toLocaleLowerCase('da');
const byWord = new Map<string, AllergenCode>();
for (const a of ALLERGENS)
  for (const w of [a.code, a.da, a.en, ...a.aliases]) byWord.set(normal(w), a.code);

/** An allergen named by code or by its Danish or English name (any case), or null. */
export const allergenFromWord = (word: string): AllergenCode | null =>
  byWord.get(normal(word)) ?? null;
