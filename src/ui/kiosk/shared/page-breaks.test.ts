import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_SCALE,
  pageAfterChange,
  pageBreaks,
  type Page,
  type PageInput,
} from './page-breaks.js';

const spans = (pages: Page[]) => pages.map((p) => [p.start, p.end]);

describe('pageBreaks', () => {
  it('fills each page with as many whole items as fit, in order', () => {
    const pages = pageBreaks({
      heights: [100, 100, 100, 100, 100],
      available: 320,
      gap: 10,
      columns: 1,
    });
    // 100 + 10 + 100 + 10 + 100 = 320: three fit, the fourth would need 430.
    expect(spans(pages)).toEqual([
      [0, 3],
      [3, 5],
    ]);
    expect(pages.every((p) => p.scale === 1)).toBe(true);
  });

  it('is one page when everything fits, and no pages for an empty list', () => {
    expect(spans(pageBreaks({ heights: [50, 60], available: 500, gap: 8, columns: 1 }))).toEqual([
      [0, 2],
    ]);
    expect(pageBreaks({ heights: [], available: 500, gap: 8, columns: 1 })).toEqual([]);
  });

  it('shows everything on one page without a measurement (no layout, as in jsdom)', () => {
    expect(spans(pageBreaks({ heights: [0, 0, 0], available: 0, gap: 0, columns: 1 }))).toEqual([
      [0, 3],
    ]);
  });

  it('puts a row to a page when the screen left no room, shrunk at most to half', () => {
    const pages = pageBreaks({ heights: [100, 100], available: -20, gap: 10, columns: 1 });
    expect(spans(pages)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(pages.every((p) => p.scale === MIN_SCALE)).toBe(true);
  });

  it('breaks a two-column grid on whole rows, a row as tall as its tallest item', () => {
    const pages = pageBreaks({
      heights: [100, 200, 150, 50, 80],
      available: 380,
      gap: 20,
      columns: 2,
    });
    // Rows: 200, 150, 80. 200 + 20 + 150 = 370 fits; + 20 + 80 does not.
    expect(spans(pages)).toEqual([
      [0, 4],
      [4, 5],
    ]);
  });

  it('gives an item taller than the screen a page of its own, scaled to fit', () => {
    const pages = pageBreaks({ heights: [100, 900, 100], available: 600, gap: 0, columns: 1 });
    expect(spans(pages)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(pages[1]!.scale).toBeCloseTo(600 / 900);
  });

  it('never leaves a heading last on a page: it moves on with its first item', () => {
    const headings = [true, false, false, true, false];
    const pages = pageBreaks({
      heights: [40, 100, 100, 40, 100],
      available: 300,
      gap: 0,
      columns: 1,
      headings,
    });
    // 40 + 100 + 100 + 40 = 280 would fit, but the second heading goes with its item.
    expect(spans(pages)).toEqual([
      [0, 3],
      [3, 5],
    ]);
  });

  it('keeps a heading with an item too tall for the screen, both scaled', () => {
    const pages = pageBreaks({
      heights: [50, 700],
      available: 500,
      gap: 0,
      columns: 1,
      headings: [true, false],
    });
    expect(spans(pages)).toEqual([[0, 2]]);
    expect(pages[0]!.scale).toBeCloseTo(500 / 750);
  });

  it('repeats the heading at the top of a page that continues its part, counting its height', () => {
    const headings = [true, false, false, false, false];
    const pages = pageBreaks({
      heights: [50, 100, 100, 100, 100],
      available: 260,
      gap: 0,
      columns: 1,
      headings,
    });
    // 50 + 100 + 100 = 250; then the heading again (50) + 100 + 100 = 250.
    expect(spans(pages)).toEqual([
      [0, 3],
      [3, 5],
    ]);
    expect(pages.map((p) => p.carried)).toEqual([null, 0]);
    expect(pages[1]!.height).toBe(250);
  });

  it('gives a wide item a whole row of a grid, neither kept with the next nor repeated', () => {
    const pages = pageBreaks({
      heights: [100, 100, 100, 50],
      available: 1000,
      gap: 0,
      columns: 3,
      wide: [false, false, false, true],
    });
    expect(pages[0]!.height).toBe(150);
  });

  it('starts a new row at a heading in a grid', () => {
    const pages = pageBreaks({
      heights: [40, 100, 100, 100, 40, 100],
      available: 1000,
      gap: 0,
      columns: 2,
      headings: [true, false, false, false, true, false],
    });
    expect(pages[0]!.height).toBe(40 + 100 + 100 + 40 + 100);
  });
});

const inputs = fc
  .record({
    heights: fc.array(fc.double({ min: 0, max: 1500, noNaN: true }), { maxLength: 40 }),
    available: fc.double({ min: 1, max: 2000, noNaN: true }),
    gap: fc.double({ min: 0, max: 40, noNaN: true }),
    columns: fc.integer({ min: 1, max: 3 }),
    seed: fc.array(fc.boolean(), { maxLength: 40 }),
  })
  .map(({ seed, ...rest }): PageInput => ({
    ...rest,
    headings: rest.heights.map((_, i) => seed[i] ?? false),
  }));

describe('pageBreaks (properties)', () => {
  it('puts every item on exactly one page, in order', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const pages = pageBreaks(input);
        const seen = pages.flatMap((p) =>
          Array.from({ length: p.end - p.start }, (_, k) => p.start + k),
        );
        expect(seen).toEqual(input.heights.map((_, i) => i));
        pages.forEach((p) => expect(p.end).toBeGreaterThan(p.start));
      }),
    );
  });

  it('no page is taller than the space, unless it holds one row too tall for it, then scaled', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        for (const p of pageBreaks(input)) {
          if (p.scale === 1) {
            expect(p.height).toBeLessThanOrEqual(input.available + 0.01);
            continue;
          }
          expect(p.scale).toBeLessThan(1);
          expect(p.scale).toBeGreaterThanOrEqual(MIN_SCALE);
          if (p.scale > MIN_SCALE) expect(p.height * p.scale).toBeCloseTo(input.available);
          // Only headings and one row: the items that are not headings fit one row.
          const body = input.heights
            .slice(p.start, p.end)
            .filter((_, k) => !input.headings?.[p.start + k]);
          expect(body.length).toBeLessThanOrEqual(input.columns);
        }
      }),
    );
  });

  it('leaves no heading last on a page while something follows it', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const pages = pageBreaks(input);
        pages.slice(0, -1).forEach((p) => {
          const lastIsHeading = input.headings?.[p.end - 1] ?? false;
          const onlyHeadings = input.headings?.slice(p.start, p.end).every(Boolean) ?? false;
          expect(lastIsHeading && !onlyHeadings).toBe(false);
        });
      }),
    );
  });

  it('fills greedily: the next page first row would not have fit on the page before', () => {
    fc.assert(
      fc.property(
        inputs.filter((i) => !i.headings?.some(Boolean) && i.columns === 1),
        (input) => {
          const pages = pageBreaks(input);
          pages.slice(1).forEach((p, k) => {
            const before = pages[k]!;
            if (before.scale < 1) return;
            const next = input.heights[p.start]!;
            expect(before.height + input.gap + next).toBeGreaterThan(input.available);
          });
        },
      ),
    );
  });
});

describe('pageAfterChange', () => {
  const pages = pageBreaks({
    heights: [100, 100, 100, 100, 100],
    available: 200,
    gap: 0,
    columns: 1,
  });
  it('stays on the page that holds the item that was at the top', () => {
    expect(pageAfterChange(pages, 3, 0)).toBe(1);
  });
  it('keeps the page number when that item is gone, within the pages', () => {
    expect(pageAfterChange(pages, null, 1)).toBe(1);
    expect(pageAfterChange(pages, null, 7)).toBe(2);
    expect(pageAfterChange([], null, 3)).toBe(0);
  });
});
