/**
 * Reading a meal plan imported from a spreadsheet (CSV), one row per meal, pure: the same rule in
 * the staff page (which shows the report before anything is sent) and on the server (which
 * imports nothing unless every row is right). A row holds the cells as typed; each is read here
 * and every mistake is reported with its line and column, so staff can mend the file at once.
 *
 * Columns (a header row names them, in Danish or English, any case, any order):
 * dato/date, måltid/slot, ret/dish, beskrivelse/description, allergener/allergens,
 * tilmelding/signup. Dates as 2026-12-07, 7.12.2026, 07-12-2026 or 7/12/2026; slots as
 * morgenmad/frokost/aftensmad/mellemmåltid (or breakfast/lunch/dinner/snack); allergens as a
 * list split by commas, semicolons or "|", by code or by name; sign-up as ja/nej (yes/no, 1/0),
 * empty meaning ja.
 */
import { allergenFromWord, type AllergenCode } from '../allergens.js';
import type { MealSlot } from '../model.js';

/** The cells of one row as typed, and the file line it starts on (1 is the header). */
export interface MealImportRow {
  line: number;
  date: string;
  slot: string;
  dish: string;
  description?: string | undefined;
  allergens?: string | undefined;
  signUp?: string | undefined;
}

export type MealImportField = 'date' | 'slot' | 'dish' | 'description' | 'allergens' | 'signUp';

export type MealImportProblem =
  | 'required'
  | 'bad_date'
  | 'unknown_slot'
  | 'too_long'
  | 'unknown_allergen'
  | 'bad_yes_no'
  | 'duplicate';

export interface MealImportError {
  line: number;
  field: MealImportField;
  problem: MealImportProblem;
  /** The cell's value, or the part of it that is wrong (an unknown allergen). */
  value: string;
  /** For `duplicate`: the earlier line with the same day and slot. */
  otherLine?: number;
}

export interface ImportedMeal {
  line: number;
  date: string;
  slot: MealSlot;
  dish: string;
  description: string;
  allergens: AllergenCode[];
  signUp: boolean;
}

export const MEAL_IMPORT_MAX_ROWS = 1000;
export const DISH_MAX = 200;
export const DESCRIPTION_MAX = 10_000;

/** Header words (normalised) for each field. */
export const MEAL_IMPORT_HEADERS: Record<MealImportField, readonly string[]> = {
  date: ['dato', 'date', 'dag', 'day'],
  slot: ['måltid', 'maaltid', 'slot', 'meal'],
  dish: ['ret', 'dish', 'menu', 'titel', 'title'],
  description: ['beskrivelse', 'description', 'tekst', 'text'],
  allergens: ['allergener', 'allergens', 'allergen'],
  signUp: ['tilmelding', 'signup', 'sign-up', 'sign up', 'tilmelding til'],
};

const norm = (s: string): string => s.normalize('NFC').trim().toLocaleLowerCase('da');

/** The field a header cell names, or null for a column the import does not read. */
export function fieldOfHeader(header: string): MealImportField | null {
  const h = norm(header);
  for (const [field, words] of Object.entries(MEAL_IMPORT_HEADERS) as [
    MealImportField,
    readonly string[],
  ][])
    if (words.includes(h)) return field;
  return null;
}

const SLOT_WORDS: Record<string, MealSlot> = {
  morgenmad: 'breakfast',
  breakfast: 'breakfast',
  frokost: 'lunch',
  lunch: 'lunch',
  middag: 'dinner',
  aftensmad: 'dinner',
  dinner: 'dinner',
  mellemmåltid: 'snack',
  eftermiddagskaffe: 'snack',
  snack: 'snack',
};

const YES = new Set(['', 'ja', 'j', 'yes', 'y', 'true', '1', 'x', 'til']);
const NO = new Set(['nej', 'n', 'no', 'false', '0', 'fra']);

const pad = (n: string): string => n.padStart(2, '0');

/** A calendar day as typed in Denmark or as ISO, or null. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let y: string, m: string, d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dk = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(t);
  if (iso) [, y = '', m = '', d = ''] = iso;
  else if (dk) [, d = '', m = '', y = ''] = dk;
  else return null;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  const probe = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date ? null : date;
}

export type MealImportResult =
  { ok: true; meals: ImportedMeal[] } | { ok: false; errors: MealImportError[] };

/** Reads every row; the answer is every meal, or every mistake (sorted by line). */
export function readMealRows(rows: readonly MealImportRow[]): MealImportResult {
  const errors: MealImportError[] = [];
  const meals: ImportedMeal[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const { line } = row;
    const err = (
      field: MealImportField,
      problem: MealImportProblem,
      value: string,
      otherLine?: number,
    ) => errors.push({ line, field, problem, value, ...(otherLine ? { otherLine } : {}) });

    const date = readDate(row.date);
    if (row.date.trim() === '') err('date', 'required', '');
    else if (!date) err('date', 'bad_date', row.date.trim());

    const slot = SLOT_WORDS[norm(row.slot)] ?? null;
    if (row.slot.trim() === '') err('slot', 'required', '');
    else if (!slot) err('slot', 'unknown_slot', row.slot.trim());

    const dish = row.dish.trim();
    if (dish === '') err('dish', 'required', '');
    else if (dish.length > DISH_MAX) err('dish', 'too_long', dish.slice(0, 40));

    const description = (row.description ?? '').trim();
    if (description.length > DESCRIPTION_MAX)
      err('description', 'too_long', description.slice(0, 40));

    const allergens: AllergenCode[] = [];
    for (const word of (row.allergens ?? '').split(/[,;|]/)) {
      if (word.trim() === '') continue;
      const code = allergenFromWord(word);
      if (!code) err('allergens', 'unknown_allergen', word.trim());
      else if (!allergens.includes(code)) allergens.push(code);
    }

    const yesNo = norm(row.signUp ?? '');
    const signUp = YES.has(yesNo) ? true : NO.has(yesNo) ? false : null;
    if (signUp === null) err('signUp', 'bad_yes_no', (row.signUp ?? '').trim());

    if (date && slot) {
      const key = `${date} ${slot}`;
      const other = firstLine.get(key);
      if (other !== undefined) err('slot', 'duplicate', row.slot.trim(), other);
      else firstLine.set(key, line);
    }
    if (date && slot && dish !== '' && signUp !== null)
      meals.push({ line, date, slot, dish, description, allergens, signUp });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, meals };
}

const FIELD_EN: Record<MealImportField, string> = {
  date: 'date',
  slot: 'slot',
  dish: 'dish',
  description: 'description',
  allergens: 'allergens',
  signUp: 'sign-up',
};

/** The error in plain English (the server's message; the staff page has its own words). */
export function mealImportErrorText(e: MealImportError): string {
  const where = `Line ${e.line}, ${FIELD_EN[e.field]}`;
  switch (e.problem) {
    case 'required':
      return `${where}: missing.`;
    case 'bad_date':
      return `${where}: "${e.value}" is not a date (write 2026-12-07 or 7.12.2026).`;
    case 'unknown_slot':
      return `${where}: "${e.value}" is not a meal (morgenmad, frokost, aftensmad or mellemmåltid).`;
    case 'too_long':
      return `${where}: too long (a dish at most ${DISH_MAX} characters, a description ${DESCRIPTION_MAX}).`;
    case 'unknown_allergen':
      return `${where}: "${e.value}" is not one of the 14 allergens.`;
    case 'bad_yes_no':
      return `${where}: "${e.value}" is neither ja nor nej.`;
    case 'duplicate':
      return `${where}: the same day and meal as line ${e.otherLine ?? '?'}.`;
  }
}
