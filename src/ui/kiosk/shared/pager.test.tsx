// @vitest-environment jsdom
/**
 * The pager with sizes given by the test (jsdom lays nothing out): what a resident sees on each
 * page, the buttons, and which page stays when the data, the space or the text size change.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskEnvProvider, type KioskEnv } from '../data/kiosk-env.js';
import { createI18n } from '../i18n/index.js';
import { defaultSettings } from '../settings.js';
import { fakeSpeech } from '../test-support/render-kiosk.js';
import { Pager, PagerMeasure, type Measure, type PagerItem } from './pager.js';

afterEach(cleanup);

/** A space of `height` px, Forrige/Næste taking 120 px, 10 px between items, one column. */
function sizes(height: number, heightOf: (key: string) => number, columns = 1): Measure {
  return ({ items }) => ({
    width: 1000,
    height,
    controls: 120,
    frame: 0,
    heights: items.map(({ key }) => heightOf(key)),
    gap: 10,
    columns,
  });
}

const items = (keys: string[], heading: (k: string) => boolean = () => false): PagerItem[] =>
  keys.map((k) => ({ key: k, node: <p>{`Punkt ${k}`}</p>, heading: heading(k) }));
const numbered = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

function Shell({
  measure,
  children,
  lang = 'da',
}: {
  measure: Measure;
  children: ReactNode;
  lang?: 'da' | 'en';
}) {
  const env = {
    // The pager reads no cache: a centre-less one, as the provider reads it before drawing.
    db: { centre: { toCollection: () => ({ first: () => Promise.resolve(undefined) }) } },
    initialCentre: null,
    settings: { ...defaultSettings, lang },
    speaker: fakeSpeech().speaker,
  } as unknown as KioskEnv;
  return (
    <I18nextProvider i18n={createI18n(lang)}>
      <KioskEnvProvider env={env}>
        <PagerMeasure.Provider value={measure}>{children}</PagerMeasure.Provider>
      </KioskEnvProvider>
    </I18nextProvider>
  );
}

const shown = () => screen.queryAllByText(/^Punkt /).map((el) => el.textContent);
const next = () => fireEvent.click(screen.getByRole('button', { name: /Næste/ }));
const previous = () => fireEvent.click(screen.getByRole('button', { name: /Forrige/ }));

describe('Pager', () => {
  // 560 px, less 120 for the buttons: 440, four items of 100 with 10 between (430).
  const tall = sizes(560, () => 100);

  it('shows one screen-full of whole items, with Forrige / Næste and "Side 1 af 3"', () => {
    render(
      <Shell measure={tall}>
        <Pager items={items(numbered(10))} label="Ting" />
      </Shell>,
    );
    expect(shown()).toEqual(['Punkt 1', 'Punkt 2', 'Punkt 3', 'Punkt 4']);
    expect(screen.getByText('Side 1 af 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Forrige/ })).toHaveProperty('disabled', true);
    next();
    expect(shown()).toEqual(['Punkt 5', 'Punkt 6', 'Punkt 7', 'Punkt 8']);
    expect(screen.getByText('Side 2 af 3')).toBeTruthy();
    next();
    expect(shown()).toEqual(['Punkt 9', 'Punkt 10']);
    expect(screen.getByRole('button', { name: /Næste/ })).toHaveProperty('disabled', true);
    previous();
    expect(shown()).toEqual(['Punkt 5', 'Punkt 6', 'Punkt 7', 'Punkt 8']);
    // Read aloud like every other item.
    expect(screen.getByRole('button', { name: 'Læs højt: Side 2 af 3' })).toBeTruthy();
  });

  it('says it in English on an English kiosk', () => {
    render(
      <Shell measure={tall} lang="en">
        <Pager items={items(numbered(10))} />
      </Shell>,
    );
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Previous/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Next/ })).toBeTruthy();
  });

  it('has no buttons when everything fits, and then may use their space too', () => {
    // Five items need 540 px: too many with the buttons (440), fine without them (560).
    render(
      <Shell measure={tall}>
        <Pager items={items(numbered(5))} />
      </Shell>,
    );
    expect(shown()).toHaveLength(5);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button', { name: /Næste/ })).toBeNull();
  });

  it('keeps what the resident looks at in view when the data changes, and stays within the pages', () => {
    const { rerender } = render(
      <Shell measure={tall}>
        <Pager items={items(numbered(10))} />
      </Shell>,
    );
    next();
    // Something new at the top of the list: item 5 was at the top of the page, it stays in view.
    rerender(
      <Shell measure={tall}>
        <Pager items={items(['0', ...numbered(10)])} />
      </Shell>,
    );
    expect(shown()).toContain('Punkt 5');
    expect(screen.getByText('Side 2 af 3')).toBeTruthy();
    // The list shrinks to one screen-full: that page, no buttons.
    rerender(
      <Shell measure={tall}>
        <Pager items={items(['7', '8'])} />
      </Shell>,
    );
    expect(shown()).toEqual(['Punkt 7', 'Punkt 8']);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('stays on the same page number when the item at the top is gone, within the pages', () => {
    const { rerender } = render(
      <Shell measure={tall}>
        <Pager items={items(numbered(10))} />
      </Shell>,
    );
    next();
    next();
    rerender(
      <Shell measure={tall}>
        <Pager items={items(numbered(6))} />
      </Shell>,
    );
    // Item 9 is gone; page 3 of 3 does not exist any more: the last page, 2 of 2.
    expect(screen.getByText('Side 2 af 2')).toBeTruthy();
    expect(shown()).toEqual(['Punkt 5', 'Punkt 6']);
  });

  it('measures again for a larger text size or another space, keeping the top item in view', () => {
    const { rerender } = render(
      <Shell measure={tall}>
        <Pager items={items(numbered(10))} />
      </Shell>,
    );
    next();
    // Text scale 1.5: each item 150 px; 440 px hold two.
    rerender(
      <Shell measure={sizes(560, () => 150)}>
        <Pager items={items(numbered(10))} />
      </Shell>,
    );
    expect(shown()).toEqual(['Punkt 5', 'Punkt 6']);
    expect(screen.getByText('Side 3 af 5')).toBeTruthy();
    // Turned to portrait: much more room, two pages.
    rerender(
      <Shell measure={sizes(1200, () => 150)}>
        <Pager items={items(numbered(10))} />
      </Shell>,
    );
    expect(shown()).toContain('Punkt 5');
    expect(screen.getByText(/^Side \d af 2$/)).toBeTruthy();
  });

  it('goes back to the first page when asked (another day chosen)', () => {
    const { rerender } = render(
      <Shell measure={tall}>
        <Pager items={items(numbered(10))} resetKey="mandag" />
      </Shell>,
    );
    next();
    rerender(
      <Shell measure={tall}>
        <Pager items={items(numbered(10))} resetKey="tirsdag" />
      </Shell>,
    );
    expect(screen.getByText('Side 1 af 3')).toBeTruthy();
    expect(shown()[0]).toBe('Punkt 1');
  });

  it('shows the page with the item asked for when that changes (a news item just opened)', () => {
    const { rerender } = render(
      <Shell measure={tall}>
        <Pager items={items(numbered(10))} showKey="1" />
      </Shell>,
    );
    next();
    // The open item grows: 9 on page 3 was opened; its page is shown, whatever the breaks are.
    rerender(
      <Shell measure={sizes(560, (k) => (k === '9' ? 300 : 100))}>
        <Pager items={items(numbered(10))} showKey="9" />
      </Shell>,
    );
    expect(shown()).toContain('Punkt 9');
  });

  it('keeps the item asked for in view when it grows afterwards (its picture loaded)', () => {
    const even = sizes(560, () => 100);
    const { rerender } = render(
      <Shell measure={even}>
        <Pager items={items(numbered(10))} showKey="1" />
      </Shell>,
    );
    rerender(
      <Shell measure={even}>
        <Pager items={items(numbered(10))} showKey="6" />
      </Shell>,
    );
    expect(shown()).toEqual(['Punkt 5', 'Punkt 6', 'Punkt 7', 'Punkt 8']);
    // 6 is opened second on its page; its photo arrives and it no longer fits beside 5.
    rerender(
      <Shell measure={sizes(560, (k) => (k === '6' ? 400 : 100))}>
        <Pager items={items(numbered(10))} showKey="6" />
      </Shell>,
    );
    expect(shown()).toContain('Punkt 6');
    // Once the resident pages on, the page they chose is kept as before.
    next();
    expect(shown()).not.toContain('Punkt 6');
  });

  it('gives an item taller than the screen a page of its own, scaled down to fit', () => {
    render(
      <Shell measure={sizes(560, (k) => (k === '2' ? 880 : 100))}>
        <Pager items={items(numbered(3))} label="Ting" />
      </Shell>,
    );
    next();
    expect(shown()).toEqual(['Punkt 2']);
    // 440 px for 880: half size, whole.
    expect(screen.getByRole('list', { name: 'Ting' }).style.transform).toBe('scale(0.5)');
    // And gives back the space it no longer takes, so the buttons stay under it.
    expect(screen.getByRole('list', { name: 'Ting' }).style.marginBottom).toBe('-440px');
    next();
    expect(shown()).toEqual(['Punkt 3']);
    expect(screen.getByRole('list', { name: 'Ting' }).style.transform).toBe('');
  });

  it('never leaves a day heading alone at the bottom of a page', () => {
    const keys = ['I dag', 'a', 'b', 'c', 'I morgen', 'd'];
    render(
      <Shell measure={sizes(560, () => 100)}>
        <Pager items={items(keys, (k) => k.startsWith('I '))} />
      </Shell>,
    );
    expect(shown()).toEqual(['Punkt I dag', 'Punkt a', 'Punkt b', 'Punkt c']);
    next();
    expect(shown()).toEqual(['Punkt I morgen', 'Punkt d']);
  });

  it('starts a page that continues a part with its heading again', () => {
    const keys = ['I dag', 'a', 'b', 'c', 'd', 'e'];
    render(
      <Shell measure={sizes(560, () => 100)}>
        <Pager items={items(keys, (k) => k.startsWith('I '))} />
      </Shell>,
    );
    next();
    expect(shown()).toEqual(['Punkt I dag', 'Punkt d', 'Punkt e']);
  });

  it('breaks a two-column grid on whole rows', () => {
    render(
      <Shell measure={sizes(560, () => 200, 2)}>
        <Pager items={items(numbered(7))} />
      </Shell>,
    );
    // 440 px: two rows of 200 (410), four items.
    expect(shown()).toEqual(['Punkt 1', 'Punkt 2', 'Punkt 3', 'Punkt 4']);
    expect(screen.getByText('Side 1 af 2')).toBeTruthy();
  });

  it('shows everything on one page where nothing can be measured (no layout)', () => {
    render(
      <Shell measure={sizes(0, () => 0)}>
        <Pager items={items(numbered(12))} />
      </Shell>,
    );
    expect(shown()).toHaveLength(12);
  });
});
