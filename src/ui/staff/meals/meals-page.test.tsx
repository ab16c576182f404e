// @vitest-environment jsdom
/**
 * Madplan as staff meet it: the week as a grid by meal and day; a meal edited in a dialog with
 * the EU's 14 allergens and sign-up on/off; "copy last week" as one `meal.copyWeek` (asking
 * first before replacing); a spreadsheet with mistakes on several lines is refused as a whole
 * with each line's mistake, and a right one imported with one `meal.import`.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Meal } from '../../../domain/model.js';
import type * as UploadModuleNs from '../media/upload.js';
import { renderStaff } from '../test-support/render-staff.js';
import { MealsPage } from './meals-page.js';

(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};

const upload = vi.hoisted(() => ({ fn: vi.fn() }));
vi.mock('../media/upload.js', async (original) => ({
  ...(await original<typeof UploadModuleNs>()),
  uploadMedia: (...args: unknown[]) => upload.fn(...args) as unknown,
}));

const meal = (id: string, over: Partial<Meal>): Meal => ({
  id,
  date: '2026-12-01',
  slot: 'lunch',
  dish: `Ret ${id}`,
  description: '',
  allergens: [],
  photo: null,
  pictogram: null,
  ...over,
});

// The test clock: Tuesday 1 December 2026 (week 49: 30 November – 6 December).
const open = (meals: Meal[] = []) =>
  renderStaff(<MealsPage />, { path: '/meals', seed: { meal: meals } });

const csvInput = () => {
  const inputs = [...document.querySelectorAll<HTMLInputElement>('input[type=file]')];
  const input = inputs.find((i) => (i.accept ?? '').includes('csv'));
  if (!input) throw new Error('no CSV input');
  return input;
};
const csv = (text: string) => new File([text], 'madplan.csv', { type: 'text/csv' });

beforeEach(() => localStorage.clear());

describe('the week grid', () => {
  it('shows each meal in its slot and day, with its marks, and Tilføj where none is', async () => {
    await open([
      meal('m1', {
        dish: 'Frikadeller',
        slot: 'dinner',
        allergens: ['eggs', 'milk'],
        signUp: false,
      }),
      meal('m2', { dish: 'Grød', slot: 'breakfast', date: '2026-11-30', photo: 'b'.repeat(64) }),
      meal('other', { dish: 'Næste uge', date: '2026-12-08' }),
    ]);
    const grid = await screen.findByRole('table', { name: 'Madplan for uge 49' });
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Måltid',
      'mandag30. november',
      'tirsdag1. december',
      'onsdag2. december',
      'torsdag3. december',
      'fredag4. december',
      'lørdag5. december',
      'søndag6. december',
    ]);
    const dinner = within(grid).getByRole('button', {
      name: /^Frikadeller.*, aftensmad tirsdag 1\. december$/,
    });
    expect(within(dinner).getByText('2 allergener')).toBeTruthy();
    expect(within(dinner).getByText('Ingen tilmelding')).toBeTruthy();
    expect(
      within(grid).getByRole('button', { name: /^Grød.*, morgenmad mandag 30\. november$/ }),
    ).toBeTruthy();
    expect(within(grid).queryByText('Næste uge')).toBeNull();
    expect(
      within(grid).getByRole('button', { name: 'Tilføj frokost onsdag 2. december' }),
    ).toBeTruthy();
  });

  it('edits a meal in a dialog: allergens from the 14, sign-up off, saved with meal.put', async () => {
    const user = userEvent.setup();
    const t = await open([meal('m1', { dish: 'Suppe', allergens: ['selleri'] })]);
    await user.click(await screen.findByRole('button', { name: /^Suppe/ }));
    const dialog = screen.getByRole('dialog', { name: 'Frokost tirsdag 1. december' });
    // A word from before the list is read as its allergen.
    expect(within(dialog).getByRole('checkbox', { name: 'selleri' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(dialog).getAllByRole('checkbox', { name: /^(?!Beboerne)/ })).toHaveLength(14);
    await user.click(within(dialog).getByRole('checkbox', { name: 'mælk' }));
    await user.click(within(dialog).getByRole('checkbox', { name: /Beboerne kan melde sig til/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toEqual({
      name: 'meal.put',
      args: {
        id: 'm1',
        date: '2026-12-01',
        slot: 'lunch',
        dish: 'Suppe',
        description: '',
        allergens: ['celery', 'milk'],
        photo: null,
        pictogram: null,
        signUp: false,
      },
    });
  });
});

describe('on a phone', () => {
  it('shows the week day by day, each day with its four meals', async () => {
    const matchMedia = vi.fn((query: string) => ({
      matches: query.includes('max-width'),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }));
    vi.stubGlobal('matchMedia', matchMedia);
    try {
      await open([meal('m1', { dish: 'Frikadeller', slot: 'dinner' })]);
      const tuesday = await screen.findByRole('region', { name: 'tirsdag 1. december' });
      expect(
        within(tuesday)
          .getAllByRole('term')
          .map((t) => t.textContent),
      ).toEqual(['Morgenmad', 'Frokost', 'Aftensmad', 'Mellemmåltid']);
      expect(within(tuesday).getByRole('button', { name: /^Frikadeller/ })).toBeTruthy();
      expect(screen.getAllByRole('region', { name: /december|november/ })).toHaveLength(7);
      expect(screen.queryByRole('table')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('a meal’s photo', () => {
  it('is uploaded in the dialog and saved with the meal', async () => {
    const user = userEvent.setup();
    upload.fn.mockResolvedValue({ hash: 'd'.repeat(64), kind: 'image', contentType: 'image/jpeg' });
    const t = await open([]);
    await user.click(
      await screen.findByRole('button', { name: 'Tilføj frokost onsdag 2. december' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Nyt måltid: Frokost onsdag 2. december' });
    await user.type(within(dialog).getByRole('textbox', { name: /Ret/ }), 'Pasta');
    await user.upload(
      dialog.querySelector<HTMLInputElement>('input[type=file]')!,
      new File(['x'], 'pasta.jpg', { type: 'image/jpeg' }),
    );
    await waitFor(() => expect(dialog.querySelector('.meal-photo-row img')).toBeTruthy());
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() => expect(t.sent).toHaveLength(1));
    expect(t.sent[0]).toMatchObject({
      name: 'meal.put',
      args: {
        date: '2026-12-02',
        slot: 'lunch',
        dish: 'Pasta',
        photo: 'd'.repeat(64),
        signUp: true,
      },
    });
  });
});

describe('copy last week', () => {
  it('copies with one meal.copyWeek into an empty week', async () => {
    const user = userEvent.setup();
    const t = await open([meal('last', { date: '2026-11-24' })]);
    await user.click(await screen.findByRole('button', { name: 'Kopiér sidste uge hertil' }));
    expect(t.sent).toEqual([
      {
        name: 'meal.copyWeek',
        args: { fromWeek: '2026-11-23', toWeek: '2026-11-30', replace: false },
      },
    ]);
  });

  it('asks before replacing this week’s meals', async () => {
    const user = userEvent.setup();
    const t = await open([meal('last', { date: '2026-11-24' }), meal('here', {})]);
    await user.click(await screen.findByRole('button', { name: 'Kopiér sidste uge hertil' }));
    const ask = screen.getByRole('alertdialog', { name: 'Erstat denne uges madplan?' });
    expect(ask.textContent).toContain('Denne uge har allerede 1 måltid.');
    await user.click(within(ask).getByRole('button', { name: 'Ja, erstat dem' }));
    expect(t.sent).toEqual([
      {
        name: 'meal.copyWeek',
        args: { fromWeek: '2026-11-23', toWeek: '2026-11-30', replace: true },
      },
    ]);
  });

  it('says so when last week has nothing to copy', async () => {
    await open([]);
    const button = await screen.findByRole('button', { name: 'Kopiér sidste uge hertil' });
    expect(button).toHaveProperty('disabled', true);
    expect(await screen.findByText('Sidste uge har ingen måltider at kopiere.')).toBeTruthy();
  });
});

describe('importing a spreadsheet', () => {
  it('refuses a file with mistakes on several lines as a whole, with each line’s mistake', async () => {
    const user = userEvent.setup();
    const t = await open();
    await screen.findByRole('table');
    await user.upload(
      csvInput(),
      csv(
        'Dato;Måltid;Ret;Allergener\n' +
          '7.12.2026;frokost;Suppe;selleri\n' +
          '31.2.2026;frokost;Fisk;\n' +
          '8.12.2026;natmad;;\n' +
          '9.12.2026;aftensmad;Lasagne;mælk, pinjekerner\n',
      ),
    );
    const report = await screen.findByRole('status', { name: 'Import af madplan.csv' });
    expect(
      within(report).getByText(
        'Intet er importeret. 3 af 4 linjer har fejl. Ret dem i regnearket, og prøv igen.',
      ),
    ).toBeTruthy();
    const rows = within(report)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['3', 'Dato', '»31.2.2026« er ikke en dato. Skriv fx 7.12.2026.'],
      [
        '4',
        'Måltid',
        '»natmad« er ikke et måltid. Skriv morgenmad, frokost, aftensmad eller mellemmåltid.',
      ],
      ['4', 'Ret', 'Mangler.'],
      ['5', 'Allergener', '»pinjekerner« er ikke et af de 14 allergener.'],
    ]);
    expect(within(report).queryByRole('button', { name: 'Importér' })).toBeNull();
    expect(t.sent).toEqual([]);
  });

  it('imports a right file with one meal.import after showing what it holds', async () => {
    const user = userEvent.setup();
    const t = await open();
    await screen.findByRole('table');
    await user.upload(
      csvInput(),
      csv('Dato;Måltid;Ret\n7.12.2026;frokost;Suppe\n8.12.2026;aftensmad;Fisk\n'),
    );
    const report = await screen.findByRole('status', { name: 'Import af madplan.csv' });
    expect(report.textContent).toContain('2 måltider er klar (7. december – 8. december).');
    await user.click(within(report).getByRole('button', { name: 'Importér' }));
    expect(t.sent).toEqual([
      {
        name: 'meal.import',
        args: {
          rows: [
            { line: 2, date: '7.12.2026', slot: 'frokost', dish: 'Suppe' },
            { line: 3, date: '8.12.2026', slot: 'aftensmad', dish: 'Fisk' },
          ],
        },
      },
    ]);
  });

  it('names a missing column', async () => {
    const user = userEvent.setup();
    await open();
    await screen.findByRole('table');
    await user.upload(csvInput(), csv('Dato;Ret\n7.12.2026;Suppe\n'));
    expect(await screen.findByText('Kolonnen »Måltid« mangler i første linje.')).toBeTruthy();
  });
});
