// @vitest-environment jsdom
/**
 * Who is on duty: today first, then the coming days, each shift with the staff member's name,
 * photo and hours in the centre's zone; shifts for the whole centre or the resident's group.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../domain/model.js';
import { familyResident, renderFamily } from '../test-support/render-family.js';

const anna = familyResident({ id: 'r-anna', groupIds: ['g-birk'] });

const shift = (
  id: string,
  staffName: string,
  start: string,
  end: string,
  over: Partial<Shift> = {},
) => ({ id, staffName, photo: null, start, end, groupId: null, ...over }) satisfies Shift;

const seed = {
  resident: [anna],
  shift: [
    shift('s1', 'Mette', '2026-12-01T06:00:00.000Z', '2026-12-01T14:00:00.000Z', {
      photo: 'c'.repeat(64),
    }),
    shift('s2', 'Jonas', '2026-12-01T13:00:00.000Z', '2026-12-01T21:00:00.000Z', {
      groupId: 'g-birk',
    }),
    shift('s3', 'Eg-Else', '2026-12-01T06:00:00.000Z', '2026-12-01T14:00:00.000Z', {
      groupId: 'g-eg',
    }),
    shift('s4', 'Sara', '2026-12-03T07:00:00.000Z', '2026-12-03T15:00:00.000Z'),
    shift('s5', 'Gammel', '2026-11-30T07:00:00.000Z', '2026-11-30T15:00:00.000Z'),
    // Nights (it is 10.00 now): one that ended at 07.00 is not listed today, one from last night
    // until 11.00 is (on duty now), and tonight's is listed today, not again tomorrow morning.
    shift('n1', 'Nat-Niels', '2026-11-30T22:00:00.000Z', '2026-12-01T06:00:00.000Z'),
    shift('n2', 'Nat-Nina', '2026-11-30T22:00:00.000Z', '2026-12-01T10:00:00.000Z'),
    shift('n3', 'Nat-Ole', '2026-12-01T22:00:00.000Z', '2026-12-02T06:00:00.000Z'),
  ],
};

describe('who is on duty', () => {
  it('lists today first, with name, photo and hours, then the coming days', async () => {
    await renderFamily({ path: '/duty', seed });
    const today = await screen.findByRole('region', { name: 'I dag' });
    const items = within(today).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('.family-duty-name')?.textContent)).toEqual([
      'Nat-Nina',
      'Mette',
      'Jonas',
      'Nat-Ole',
    ]);
    expect(within(items[1] as HTMLElement).getByText('07.00 til 15.00')).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText('På arbejde nu')).toBeTruthy();
    expect(items[1]?.querySelector('img')?.getAttribute('src')).toBe(`/media/${'c'.repeat(64)}`);
    expect(within(items[2] as HTMLElement).queryByText('På arbejde nu')).toBeNull();
    const thursday = screen.getByRole('region', { name: /^Torsdag 3\.\sdecember$/ });
    expect(within(thursday).getByText('Sara')).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: /^Onsdag 2\.\sdecember$/ })).getByText(
        'Ingen vagter skrevet på.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText('Eg-Else')).toBeNull();
    expect(screen.queryByText('Gammel')).toBeNull();
    expect(screen.queryByText('Nat-Niels')).toBeNull();
    expect(screen.getAllByText('Nat-Ole')).toHaveLength(1);
    expect(screen.getAllByRole('region')).toHaveLength(7);
  });

  it('says when no roster has been entered', async () => {
    await renderFamily({ path: '/duty', seed: { resident: [anna] } });
    expect(await screen.findByText('Vagtplanen er ikke lagt ind endnu.')).toBeTruthy();
  });
});
