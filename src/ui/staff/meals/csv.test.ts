import { describe, expect, it } from 'vitest';
import { parseMealCsv } from './csv.js';

describe('reading a meal plan saved as CSV', () => {
  it('reads Danish Excel’s semicolons, any column order, and numbers lines as in the file', () => {
    const text =
      '\uFEFFRet;Dato;Måltid;Allergener;Pris\r\n' +
      'Frikadeller;7.12.2026;Aftensmad;"æg, mælk";45\r\n' +
      '\r\n' +
      'Grød;8.12.2026;morgenmad;;0\r\n';
    expect(parseMealCsv(text)).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          date: '7.12.2026',
          slot: 'Aftensmad',
          dish: 'Frikadeller',
          allergens: 'æg, mælk',
        },
        { line: 4, date: '8.12.2026', slot: 'morgenmad', dish: 'Grød', allergens: '' },
      ],
    });
  });

  it('reads commas and English headers', () => {
    const res = parseMealCsv('date,slot,dish,signup\n2026-12-07,lunch,Soup,no\n');
    expect(res).toEqual({
      ok: true,
      rows: [{ line: 2, date: '2026-12-07', slot: 'lunch', dish: 'Soup', signUp: 'no' }],
    });
  });

  it('names what is wrong with the file itself', () => {
    expect(parseMealCsv('')).toEqual({ ok: false, problem: { kind: 'empty' } });
    expect(parseMealCsv('Dato;Ret\n7.12.2026;Suppe\n')).toEqual({
      ok: false,
      problem: { kind: 'missing_column', field: 'slot' },
    });
    const many = `Dato;Måltid;Ret\n${'7.12.2026;frokost;Suppe\n'.repeat(1001)}`;
    expect(parseMealCsv(many)).toEqual({ ok: false, problem: { kind: 'too_many', rows: 1001 } });
  });
});
