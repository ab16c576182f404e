import { describe, expect, it } from 'vitest';
import { ALLERGENS, allergenFromWord, allergenName } from '../allergens.js';
import { fieldOfHeader, readDate, readMealRows } from './meal-import.js';

describe('the 14 EU allergens', () => {
  it('are fourteen, each with a Danish and an English name', () => {
    expect(ALLERGENS).toHaveLength(14);
    expect(new Set(ALLERGENS.map((a) => a.code)).size).toBe(14);
    expect(allergenName('milk', 'da')).toBe('mælk');
    expect(allergenName('nuts', 'en')).toBe('tree nuts');
    expect(allergenName('mælk', 'en')).toBe('mælk'); // a word from before the list
  });

  it('are read by code or by name, any case, Danish or English', () => {
    expect(allergenFromWord(' Mælk ')).toBe('milk');
    expect(allergenFromWord('SKALFRUGTER')).toBe('nuts');
    expect(allergenFromWord('sulfitter')).toBe('sulphites');
    expect(allergenFromWord('celery')).toBe('celery');
    expect(allergenFromWord('pinjekerner')).toBeNull();
  });
});

describe('reading an imported meal plan', () => {
  it('reads Danish and ISO dates, and refuses days that do not exist', () => {
    expect(readDate('7.12.2026')).toBe('2026-12-07');
    expect(readDate('07-12-2026')).toBe('2026-12-07');
    expect(readDate('7/12/2026')).toBe('2026-12-07');
    expect(readDate('2026-12-07')).toBe('2026-12-07');
    expect(readDate('31.02.2026')).toBeNull();
    expect(readDate('2026-13-01')).toBeNull();
    expect(readDate('i morgen')).toBeNull();
  });

  it('knows its columns by Danish or English headers', () => {
    expect(fieldOfHeader(' Dato ')).toBe('date');
    expect(fieldOfHeader('Måltid')).toBe('slot');
    expect(fieldOfHeader('Allergens')).toBe('allergens');
    expect(fieldOfHeader('Tilmelding')).toBe('signUp');
    expect(fieldOfHeader('Pris')).toBeNull();
  });

  it('gives every meal when every line is right, sign-up on unless the cell says nej', () => {
    const read = readMealRows([
      { line: 2, date: '7.12.2026', slot: 'Frokost', dish: ' Suppe ', allergens: 'selleri;gluten;Gluten' },
      { line: 3, date: '2026-12-07', slot: 'aftensmad', dish: 'Fisk', signUp: 'Nej' },
    ]); // prettier-ignore
    expect(read).toEqual({
      ok: true,
      meals: [
        { line: 2, date: '2026-12-07', slot: 'lunch', dish: 'Suppe', description: '', allergens: ['celery', 'gluten'], signUp: true },
        { line: 3, date: '2026-12-07', slot: 'dinner', dish: 'Fisk', description: '', allergens: [], signUp: false },
      ],
    }); // prettier-ignore
  });

  it('gives every mistake of every line, and no meals, when any line is wrong', () => {
    const read = readMealRows([
      { line: 2, date: '', slot: '', dish: 'x'.repeat(201) },
      { line: 3, date: '7.12.2026', slot: 'frokost', dish: 'Suppe' },
    ]);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => [e.line, e.field, e.problem])).toEqual([
      [2, 'date', 'required'],
      [2, 'slot', 'required'],
      [2, 'dish', 'too_long'],
    ]);
  });
});
