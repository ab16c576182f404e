// @vitest-environment jsdom
import { fireEvent, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { useKiosk } from '../state/store.js';
import { cph, meal, mealAttendance, resident } from '../test-support/builders.js';
import { renderKiosk, screen, tapUndo, waitFor } from '../test-support/render-kiosk.js';

const residents = [
  resident('r-anna', { displayName: 'Anna Holm' }),
  resident('r-bent'),
  // Staff did not enable meal sign-up for Carl.
  resident('r-carl', { mealSignUp: false }),
  // Dora has meal sign-up but no wall consent: never offered, never named.
  resident('r-dora', { wallConsent: false }),
];

const day = [
  meal('m-dinner', { slot: 'dinner', dish: 'Frikadeller', pictogram: null }),
  meal('m-breakfast', {
    slot: 'breakfast',
    dish: 'Havregryn',
    allergens: ['gluten', 'mælk'],
    pictogram: 'breakfast',
  }),
  meal('m-lunch', {
    slot: 'lunch',
    dish: 'Smørrebrød',
    description: 'Rugbrød med pålæg',
    photo: 'a'.repeat(64),
  }),
];

const cardOf = (dish: string) => screen.getByRole('article', { name: dish });

describe('Meals', () => {
  it('shows today’s meals in slot order with their names, photo and allergens in words', async () => {
    await renderKiosk({ screen: 'meals', now: cph('2026-11-24', '07:00'), seed: { meal: day } });
    expect(screen.getByRole('heading', { level: 1, name: 'Mad' })).toBeTruthy();
    const titles = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(titles).toEqual(['Havregryn', 'Smørrebrød', 'Frikadeller']);
    expect(within(cardOf('Havregryn')).getByText('Morgenmad')).toBeTruthy();
    expect(within(cardOf('Smørrebrød')).getByText('Frokost')).toBeTruthy();
    expect(within(cardOf('Frikadeller')).getByText('Aftensmad')).toBeTruthy();
    expect(within(cardOf('Havregryn')).getByText('Indeholder: gluten, mælk')).toBeTruthy();
    expect(within(cardOf('Smørrebrød')).getByText('Rugbrød med pålæg')).toBeTruthy();
    const photo = cardOf('Smørrebrød').querySelector('img.meal-photo');
    expect(photo?.getAttribute('src')).toBe(`/media/${'a'.repeat(64)}`);
    expect(photo?.getAttribute('alt')).toBe('');
    // No meal sign-up anywhere (no residents): no question.
    expect(screen.queryByRole('button', { name: /Skal du spise med/ })).toBeNull();
  });

  it('steps a day at a time with Forrige dag / Næste dag, the row used where the week does not fit one row', async () => {
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '07:00'),
      seed: { meal: [...day, meal('m-wed', { date: '2026-11-25', dish: 'Lasagne' })] },
    });
    const back = screen.getByRole('button', { name: 'Forrige dag' });
    const on = screen.getByRole('button', { name: 'Næste dag' });
    // The first day has none before it: the button says so by being off, not by vanishing.
    expect(back.hasAttribute('disabled')).toBe(true);
    expect(document.querySelector('.day-step-name')?.textContent).toBe('I dag');
    fireEvent.click(on);
    expect(await screen.findByText('Lasagne')).toBeTruthy();
    expect(document.querySelector('.day-step-name')?.textContent).toBe('I morgen');
    expect(screen.getByRole('button', { name: 'I morgen' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Forrige dag' }));
    expect(await screen.findByText('Havregryn')).toBeTruthy();
    // Six steps on is the last day of the week: no further.
    for (let i = 0; i < 6; i++) fireEvent.click(screen.getByRole('button', { name: 'Næste dag' }));
    expect(screen.getByRole('button', { name: 'Næste dag' }).hasAttribute('disabled')).toBe(true);
    expect(document.querySelector('.day-step-name')?.textContent).toBe('Mandag');
  });

  it('says calmly when there is no meal plan', async () => {
    await renderKiosk({ screen: 'meals' });
    expect(screen.getByText('Der er ingen madplan for i dag.')).toBeTruthy();
  });

  it('waits calmly while the cache is read', async () => {
    const slow = await renderKiosk({ seed: { meal: day } });
    // The cache answers late: the screen says "Et øjeblik." and shows no half list.
    const never = { equals: () => ({ toArray: () => new Promise<never>(() => undefined) }) };
    Object.defineProperty(slow.db.meal, 'where', { value: () => never });
    act(() => useKiosk.getState().go('meals'));
    expect(await screen.findByText('Et øjeblik.')).toBeTruthy();
    expect(screen.queryByText('Havregryn')).toBeNull();
  });

  it('chooses the day with big buttons: I dag, I morgen, then weekdays', async () => {
    await renderKiosk({
      screen: 'meals',
      seed: { meal: [...day, meal('m-wed', { date: '2026-11-25', dish: 'Lasagne' })] },
    });
    const days = within(screen.getByRole('group', { name: 'Vælg dag' }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(days).toEqual(['I dag', 'I morgen', 'Torsdag', 'Fredag', 'Lørdag', 'Søndag', 'Mandag']);
    expect(screen.getByRole('button', { name: 'I dag' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'I morgen' }));
    expect(await screen.findByText('Lasagne')).toBeTruthy();
    expect(screen.queryByText('Havregryn')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Fredag' }));
    expect(await screen.findByText('Der er ingen madplan for fredag.')).toBeTruthy();
    expect(screen.getByText('Fredag den 27. november').tagName).toBe('H2');
  });

  it('asks who, then the answer; nothing is sent before the answer; undo puts it back', async () => {
    const k = await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '11:00'),
      seed: { meal: [meal('m-lunch', { dish: 'Smørrebrød' })], resident: residents },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Skal du spise med?' }));
    const picker = screen.getByRole('dialog', { name: 'Skal du spise med?' });
    expect(within(picker).getAllByRole('button')).toHaveLength(3);
    expect(within(picker).getByRole('button', { name: 'Anna' })).toBeTruthy();
    expect(within(picker).getByRole('button', { name: 'Bent' })).toBeTruthy();
    expect(within(picker).getByRole('button', { name: 'Tilbage' })).toBeTruthy();
    expect(within(picker).queryByText(/Carl|Dora/)).toBeNull();
    expect(await k.outbox()).toEqual([]);

    fireEvent.click(within(picker).getByRole('button', { name: 'Anna' }));
    const choice = screen.getByRole('dialog', { name: 'Spiser du med til frokost i dag?' });
    expect(within(choice).getByText('Anna')).toBeTruthy();
    expect(await k.outbox()).toEqual([]);

    fireEvent.click(within(choice).getByRole('button', { name: 'Ja, jeg spiser med' }));
    await waitFor(async () =>
      expect(await k.outbox()).toEqual([
        {
          name: 'meal.attend',
          args: { mealId: 'm-lunch', residentId: 'r-anna', attending: true },
        },
      ]),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    // Shown at once, from the outbox.
    expect(await within(cardOf('Smørrebrød')).findByText('Spiser med: Anna')).toBeTruthy();
    expect(screen.getByText('Anna spiser med til frokost i dag.')).toBeTruthy();

    // No answer before: the undo sends the opposite.
    await tapUndo();
    await waitFor(async () => expect((await k.outbox()).at(-1)?.args['attending']).toBe(false));
    expect(await screen.findByRole('button', { name: 'Skal du spise med?' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/Spiser med:/)).toBeNull());
  });

  it('shows each resident’s answer in the picker and undoes to the previous answer', async () => {
    const k = await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '11:00'),
      seed: {
        meal: [meal('m-lunch', { dish: 'Smørrebrød' })],
        resident: residents,
        mealattendance: [
          mealAttendance('m-lunch', 'r-anna', false),
          mealAttendance('m-lunch', 'r-bent', true),
        ],
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Skal du spise med?' }));
    const picker = screen.getByRole('dialog');
    expect(within(picker).getByRole('button', { name: /^Anna,\s*Spiser ikke med$/ })).toBeTruthy();
    expect(within(picker).getByRole('button', { name: /^Bent,\s*Spiser med$/ })).toBeTruthy();
    fireEvent.click(within(picker).getByRole('button', { name: /Bent/ }));
    expect(screen.getByText('Du har sagt ja.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nej, jeg spiser ikke med' }));
    await waitFor(async () => expect(await k.outbox()).toHaveLength(1));
    await tapUndo();
    await waitFor(async () =>
      expect((await k.outbox()).map((e) => e.args['attending'])).toEqual([false, true]),
    );
  });

  it('says an answer waits for the connection when the kiosk is offline', async () => {
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '11:00'),
      status: { state: 'offline' },
      seed: { meal: [meal('m-lunch', { dish: 'Smørrebrød' })], resident: residents },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Skal du spise med?' }));
    fireEvent.click(screen.getByRole('button', { name: /Bent/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Ja, jeg spiser med' }));
    const card = await screen.findByRole('article', { name: 'Smørrebrød' });
    expect(await within(card).findByText('Sendes, når der er forbindelse.')).toBeTruthy();
    expect(within(card).getByText('Spiser med: Bent')).toBeTruthy();
  });

  it('names only consenting residents among those who eat; the rest are a count', async () => {
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '11:00'),
      seed: {
        meal: [meal('m-lunch', { dish: 'Smørrebrød' })],
        resident: residents,
        mealattendance: [
          mealAttendance('m-lunch', 'r-anna', true),
          mealAttendance('m-lunch', 'r-bent', false),
          mealAttendance('m-lunch', 'r-dora', true),
          // A resident this kiosk does not know at all.
          mealAttendance('m-lunch', 'r-unknown', true),
        ],
      },
    });
    const card = await screen.findByRole('article', { name: 'Smørrebrød' });
    expect(within(card).getByText('Spiser med: Anna +2')).toBeTruthy();
    expect(screen.queryByText(/Dora/)).toBeNull();
    expect(screen.queryByText(/Bent/)).toBeNull();
  });

  it('offers no question when no consenting resident has meal sign-up', async () => {
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '11:00'),
      seed: {
        meal: [meal('m-lunch')],
        resident: [residents[2]!, residents[3]!],
      },
    });
    expect(screen.getByText('Smørrebrød')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Skal du spise med?' })).toBeNull();
  });

  it('offers no question for a meal staff turned sign-up off for; a meal from before asks', async () => {
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '07:00'),
      seed: {
        meal: [
          meal('m-breakfast', { slot: 'breakfast', dish: 'Havregryn', signUp: false }),
          // Written before the field existed: sign-up on, as every meal was then.
          meal('m-lunch', { slot: 'lunch', dish: 'Smørrebrød' }),
          meal('m-dinner', { slot: 'dinner', dish: 'Frikadeller', signUp: true }),
        ],
        resident: residents,
      },
    });
    expect(
      within(cardOf('Havregryn')).queryByRole('button', { name: 'Skal du spise med?' }),
    ).toBeNull();
    for (const dish of ['Smørrebrød', 'Frikadeller'])
      expect(within(cardOf(dish)).getByRole('button', { name: 'Skal du spise med?' })).toBeTruthy();
  });

  it('names the EU allergens in the kiosk’s language, and older free words as written', async () => {
    const m = meal('m-lunch', { allergens: ['milk', 'sulphites', 'selleri'] });
    const da = await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '07:00'),
      seed: { meal: [m] },
    });
    expect(
      await screen.findByText('Indeholder: mælk, svovldioxid og sulfitter, selleri'),
    ).toBeTruthy();
    da.unmount();
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '07:00'),
      settings: { lang: 'en' },
      seed: { meal: [m] },
    });
    expect(
      await screen.findByText('Contains: milk, sulphur dioxide and sulphites, selleri'),
    ).toBeTruthy();
  });

  it('cannot answer a meal that is over', async () => {
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '14:00'),
      seed: { meal: day, resident: residents },
    });
    for (const dish of ['Havregryn', 'Smørrebrød']) {
      const card = cardOf(dish);
      expect(within(card).getByText('Måltidet er slut.')).toBeTruthy();
      expect(within(card).queryByRole('button', { name: 'Skal du spise med?' })).toBeNull();
    }
    expect(
      within(cardOf('Frikadeller')).getByRole('button', { name: 'Skal du spise med?' }),
    ).toBeTruthy();
  });

  it('speaks English when the kiosk is set to English', async () => {
    await renderKiosk({
      screen: 'meals',
      now: cph('2026-11-24', '11:00'),
      settings: { lang: 'en' },
      seed: { meal: day, resident: residents },
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Meals' })).toBeTruthy();
    expect(screen.getByText('Contains: gluten, mælk')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tomorrow' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Thursday' })).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Will you eat with us?' })[0]!);
    fireEvent.click(screen.getByRole('button', { name: /Anna/ }));
    expect(screen.getByRole('dialog', { name: 'Will you eat lunch today?' })).toBeTruthy();
  });
});
