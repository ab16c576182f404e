/**
 * "Importér fra regneark (CSV)": the file is read here (papaparse, csv.ts) and checked with the
 * same rule the server uses (domain/rules/meal-import), so the line-by-line report shows before
 * anything is sent: every mistake with its line, column and what to write instead, and nothing
 * imported. A right file shows what it holds and is imported with one `meal.import`, which the
 * server checks again (all or nothing).
 */
import { useState } from 'react';
import { Button, FileTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  MEAL_IMPORT_MAX_ROWS,
  readMealRows,
  type MealImportError,
  type MealImportRow,
} from '../../../domain/rules/meal-import.js';
import { dateWords } from '../../../domain/rules/recurrence-words.js';
import { useSave } from '../shell/save.js';
import { parseMealCsv, type CsvProblem } from './csv.js';

type Report =
  | { file: string; kind: 'problem'; problem: CsvProblem }
  | { file: string; kind: 'errors'; errors: MealImportError[]; rows: number }
  | { file: string; kind: 'ready'; rows: MealImportRow[]; dates: string[] };

/** The file's text; Excel on Windows may still write Windows-1252 instead of UTF-8. */
async function textOf(file: File): Promise<string> {
  // FileReader rather than file.arrayBuffer(): every browser has it, and so has jsdom.
  const buffer = await new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file);
  });
  const bytes = new Uint8Array(buffer);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function CsvImport() {
  const { t, i18n } = useTranslation('staffMeals');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const save = useSave();
  const [report, setReport] = useState<Report | null>(null);

  const read = async (file: File) => {
    const parsed = parseMealCsv(await textOf(file));
    if (!parsed.ok) return setReport({ file: file.name, kind: 'problem', problem: parsed.problem });
    const checked = readMealRows(parsed.rows);
    if (!checked.ok)
      return setReport({
        file: file.name,
        kind: 'errors',
        errors: checked.errors,
        rows: parsed.rows.length,
      });
    setReport({
      file: file.name,
      kind: 'ready',
      rows: parsed.rows,
      dates: checked.meals.map((m) => m.date).sort(),
    });
  };

  const problemText = (p: CsvProblem): string => {
    switch (p.kind) {
      case 'unreadable':
        return t('csv.unreadable');
      case 'empty':
        return t('csv.empty');
      case 'missing_column':
        return t('csv.missingColumn', { column: t(`csv.field.${p.field}`) });
      case 'too_many':
        return t('csv.tooMany', { rows: p.rows, max: MEAL_IMPORT_MAX_ROWS });
    }
  };

  return (
    <section className="csv-import" aria-label={t('csv.button')}>
      <FileTrigger
        acceptedFileTypes={['text/csv', '.csv', 'text/plain']}
        onSelect={(files) => {
          const file = files?.[0];
          if (file) void read(file);
        }}
      >
        <Button className="button">{t('csv.button')}</Button>
      </FileTrigger>
      <p className="field-help">{t('csv.help')}</p>
      {report && (
        <div className="csv-report card" role="status" aria-labelledby="csv-report-title">
          <h2 id="csv-report-title">{t('csv.reportTitle', { file: report.file })}</h2>
          {report.kind === 'problem' && (
            <p className="upload-problem">{problemText(report.problem)}</p>
          )}
          {report.kind === 'errors' && (
            <>
              <p className="upload-problem">
                {t('csv.refused', {
                  lines: new Set(report.errors.map((e) => e.line)).size,
                  rows: report.rows,
                })}
              </p>
              <table className="table csv-errors">
                <thead>
                  <tr>
                    <th scope="col">{t('csv.line')}</th>
                    <th scope="col">{t('csv.column')}</th>
                    <th scope="col">{t('csv.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.line}</td>
                      <td>{t(`csv.field.${e.field}`)}</td>
                      <td>
                        {t(`csv.problems.${e.problem}`, {
                          value: e.value,
                          other: e.otherLine ?? '',
                        })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {report.kind === 'ready' && (
            <p>
              {t('csv.ready', {
                count: report.rows.length,
                from: dateWords(lang, report.dates[0] ?? ''),
                to: dateWords(lang, report.dates.at(-1) ?? ''),
              })}
            </p>
          )}
          <div className="form-actions">
            {report.kind === 'ready' && (
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  const rows = report.rows;
                  setReport(null);
                  void save('meal.import', { rows });
                }}
              >
                {t('csv.import')}
              </button>
            )}
            <button type="button" className="button" onClick={() => setReport(null)}>
              {t('csv.close')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
