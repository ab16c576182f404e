/**
 * A meal-plan spreadsheet saved as CSV, read in the browser with papaparse (which finds the
 * separator itself: Danish Excel writes `;`, others `,`) into the rows `meal.import` takes, each
 * with the file line it starts on, so every mistake can be named by line. The first line names
 * the columns (domain/rules/meal-import `fieldOfHeader`). Pure: no React.
 */
import Papa from 'papaparse';
import {
  fieldOfHeader,
  MEAL_IMPORT_MAX_ROWS,
  type MealImportField,
  type MealImportRow,
} from '../../../domain/rules/meal-import.js';

export type CsvProblem =
  | { kind: 'unreadable' }
  | { kind: 'empty' }
  | { kind: 'missing_column'; field: MealImportField }
  | { kind: 'too_many'; rows: number };

export type CsvResult = { ok: true; rows: MealImportRow[] } | { ok: false; problem: CsvProblem };

const REQUIRED: MealImportField[] = ['date', 'slot', 'dish'];

/** 1-based line of the character at `offset`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * The separator, from the header line: the candidate it holds most of. (papaparse's own guess
 * fails on a short file ending in a line break, and the header always names several columns.)
 */
function separatorOf(text: string): string {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let best = ',';
  let most = 0;
  for (const sep of [';', ',', '\t', '|']) {
    const n = header.split(sep).length - 1;
    if (n > most) [best, most] = [sep, n];
  }
  return best;
}

export function parseMealCsv(raw: string): CsvResult {
  const text = raw.replace(/^\uFEFF/, '');
  const records: { cells: string[]; line: number }[] = [];
  let start = 0;
  let failed = false;
  Papa.parse<string[]>(text, {
    delimiter: separatorOf(text),
    skipEmptyLines: false,
    step: (result) => {
      if (result.errors.some((e) => e.type === 'Quotes')) failed = true;
      const cells = result.data;
      // The row began where the previous one ended, after its line break.
      let at = start;
      while (at < text.length && (text[at] === '\n' || text[at] === '\r')) at += 1;
      records.push({ cells, line: lineAt(text, at) });
      start = result.meta.cursor;
    },
  });
  if (failed) return { ok: false, problem: { kind: 'unreadable' } };
  const filled = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...body] = filled;
  if (!header || body.length === 0) return { ok: false, problem: { kind: 'empty' } };
  const columns = header.cells.map(fieldOfHeader);
  for (const field of REQUIRED)
    if (!columns.includes(field)) return { ok: false, problem: { kind: 'missing_column', field } };
  if (body.length > MEAL_IMPORT_MAX_ROWS)
    return { ok: false, problem: { kind: 'too_many', rows: body.length } };
  const rows = body.map(({ cells, line }) => {
    const row: MealImportRow = { line, date: '', slot: '', dish: '' };
    columns.forEach((field, i) => {
      if (field) row[field] = cells[i] ?? '';
    });
    return row;
  });
  return { ok: true, rows };
}
