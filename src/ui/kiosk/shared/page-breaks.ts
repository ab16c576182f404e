/**
 * Where a list on the wall screen breaks into screen-fulls (pure; pager.tsx measures and draws).
 *
 * The items are laid out in rows of `columns` (a list is one column; a landscape grid two). A
 * heading takes a whole row and is never the last row of a page when something follows it
 * (a day's name stays with that day's first shift). Pages are filled greedily in order, so every
 * item is on exactly one page and the pages read in order.
 *
 * A page that starts under a heading shown on an earlier page repeats that heading at its top
 * (`carried`), so the resident always sees whose day or which day the items belong to (and a
 * screen reader's heading order holds); its height counts in the page.
 *
 * A page never needs more than `available` height, with one exception: a row that is taller than
 * the whole space on its own (a very long news item, an activity card at text scale 1.5 on a
 * landscape screen). It gets a page to itself (with the headings just before it) and that page
 * is scaled down to fit (`scale` < 1): all of it stays visible and every button on it stays
 * usable, only smaller. Clipping was the other choice, and it would hide the end of the card,
 * which is where the "Tilmeld" button is.
 */

export interface PageInput {
  /** Each item's height in CSS px, in list order. */
  heights: readonly number[];
  /** The height the list has on screen. */
  available: number;
  /** The space between two rows. */
  gap: number;
  /** Items side by side in a row (1 for a plain list). */
  columns: number;
  /** Which items are headings: a whole row each, kept with the row after them. */
  headings?: readonly boolean[];
  /** Which items take a whole row of a grid (a note under the grid's tiles). */
  wide?: readonly boolean[];
}

export interface Page {
  /** The first item on the page. */
  start: number;
  /** One past the last item on the page. */
  end: number;
  /** 1, or less than 1 when the page holds one row taller than the space and is scaled down. */
  scale: number;
  /** The page's natural height (before scaling), a carried heading included. */
  height: number;
  /** The heading repeated at the top of this page: the item index of the last one before it. */
  carried: number | null;
}

interface Row {
  start: number;
  end: number;
  height: number;
  heading: boolean;
}

/** A page is never shrunk below half its size: smaller text would not be read. */
export const MIN_SCALE = 0.5;

/** Rounding slack: measured heights are fractional CSS px. */
const SLACK = 0.01;

function rowsOf({ heights, columns, headings, wide }: PageInput): Row[] {
  const perRow = Math.max(1, Math.floor(columns));
  const rows: Row[] = [];
  let open: Row | null = null;
  heights.forEach((raw, i) => {
    const h = Number.isFinite(raw) && raw > 0 ? raw : 0;
    if (headings?.[i] || wide?.[i]) {
      open = null;
      rows.push({ start: i, end: i + 1, height: h, heading: headings?.[i] === true });
      return;
    }
    if (!open || open.end - open.start >= perRow) {
      open = { start: i, end: i, height: 0, heading: false };
      rows.push(open);
    }
    open.end = i + 1;
    open.height = Math.max(open.height, h);
  });
  return rows;
}

const heightOf = (rows: readonly Row[], from: number, to: number, gap: number): number => {
  let h = 0;
  for (let r = from; r < to; r++) h += (rows[r]?.height ?? 0) + (r > from ? gap : 0);
  return h;
};

/**
 * The pages, in order. An empty list has no pages. Without a usable measurement (no layout yet,
 * as in jsdom: `available` 0) everything is one page rather than one item per page.
 */
export function pageBreaks(input: PageInput): Page[] {
  const rows = rowsOf(input);
  const gap = Number.isFinite(input.gap) && input.gap > 0 ? input.gap : 0;
  let available = Number.isFinite(input.available) ? input.available : 0;
  if (rows.length === 0) return [];
  const whole = (from: number, to: number, carried: Row | null, scale = 1): Page => ({
    start: rows[from]!.start,
    end: rows[to - 1]!.end,
    scale,
    height: heightOf(rows, from, to, gap) + (carried ? carried.height + gap : 0),
    carried: carried ? carried.start : null,
  });
  // No layout at all (jsdom, or not on screen): nothing to measure, so one page.
  const laidOut = rows.some((r) => r.height > 0);
  if (!(Number.isFinite(available) && available > 0) && !laidOut) {
    return [whole(0, rows.length, null)];
  }
  // The other parts of the screen left (almost) no room: a row to a page, shrunk at most to
  // MIN_SCALE; below that it would not be readable, so it overflows, for the fit test to see.
  available = Math.max(available, 1);

  const pages: Page[] = [];
  let i = 0;
  let last: Row | null = null;
  while (i < rows.length) {
    const carried = rows[i]!.heading ? null : last;
    const space = available - (carried ? carried.height + gap : 0);
    let j = i;
    while (j < rows.length && heightOf(rows, i, j + 1, gap) <= space + SLACK) j++;
    // Headings at the end of a page go to the next page with what they head.
    let k = j;
    while (k > i && k < rows.length && rows[k - 1]!.heading) k--;
    if (k > i) j = k;
    // Nothing fits (or only headings would stand alone): the headings and the next row that is
    // not a heading, scaled down together.
    if (j === i || rows.slice(i, j).every((r) => r.heading)) {
      j = i;
      while (j < rows.length && rows[j]!.heading) j++;
      j = Math.min(rows.length, j + 1);
    }
    const page = whole(i, j, carried);
    page.scale = page.height > available + SLACK ? Math.max(MIN_SCALE, available / page.height) : 1;
    pages.push(page);
    for (let r = i; r < j; r++) if (rows[r]!.heading) last = rows[r]!;
    i = j;
  }
  return pages;
}

/**
 * The page to show after the pages changed (new data, another orientation or text scale): the
 * page that now holds the item the resident had at the top, so what they were looking at stays
 * in view; without it (that item is gone) the same page number, kept within the pages.
 */
export function pageAfterChange(
  pages: readonly Page[],
  anchor: number | null,
  previousIndex: number,
): number {
  if (pages.length === 0) return 0;
  if (anchor !== null) {
    const at = pages.findIndex((p) => anchor >= p.start && anchor < p.end);
    if (at >= 0) return at;
  }
  return Math.min(Math.max(previousIndex, 0), pages.length - 1);
}
