/**
 * A list shown one screen-full at a time, never as a scroll area (KIOSK-UX "Touch": swiping is
 * never required): only the items that fit in the space the list is given, whole, and below them
 * big "Forrige" / "Næste" buttons with "Side 2 af 3" in words, where a seated person reaches them.
 * With one page there are no buttons.
 *
 * How it knows what fits: whenever the items, the space or an item's size may have changed (new
 * data, the screen turned, another text scale, a name added to a card) it renders every item once,
 * measures them and the space (`PagerMeasure`, the DOM by default), works out the page breaks
 * (page-breaks.ts, pure) and renders the page, all in layout effects, so the measuring render is
 * never painted. ResizeObserver on the pager and the shown items notices the space or an item
 * changing size. When the pages change, the item that was at the top of the screen stays in view
 * (same page as far as possible); `resetKey` (another day chosen) goes back to page 1. A page that
 * continues a part of the list starts with that part's heading again ("I morgen").
 */
import {
  createContext,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { pageAfterChange, pageBreaks, type Page } from './page-breaks.js';
import { ReadAloud, sentences } from './read-aloud.js';
import './pager.css';

export interface PagerItem {
  key: string;
  node: ReactNode;
  /** A heading within the list ("I morgen"): a whole row, kept with what follows it. */
  heading?: boolean;
  /** Takes a whole row of a grid (the booking rules under the slots). */
  wide?: boolean;
  className?: string | undefined;
}

/** What a measurement finds: the space, the controls, and each item in list order. */
export interface PagerLayout {
  /** The pager's own box: fixed by the screen, not by the items. */
  width: number;
  height: number;
  /** The height of the Forrige / Næste row and the space above it (0 when they stand beside). */
  controls: number;
  /**
   * Forrige / Næste stand beside the list (a landscape screen: height is what is short there).
   * Their column then stays in place, invisible, with one page, so the list keeps its width and
   * its items their heights.
   */
  beside?: boolean;
  /** The list's own vertical padding and border. */
  frame: number;
  heights: number[];
  gap: number;
  columns: number;
}

export interface MeasureParts {
  root: HTMLElement;
  list: HTMLElement;
  /** The rendered items, in list order, each with its key. */
  items: { key: string; el: HTMLElement }[];
  controls: HTMLElement | null;
}

export type Measure = (parts: MeasureParts) => PagerLayout;

const px = (v: string) => {
  const n = parseFloat(v);
  return Number.isFinite(n) ? n : 0;
};

/** The browser's layout. Fractional heights, so rounding never adds up to an overflow. */
export const measureDom: Measure = ({ root, list, items, controls }) => {
  const box = root.getBoundingClientRect();
  const ls = getComputedStyle(list);
  const rs = getComputedStyle(root);
  const grid = ls.display.includes('grid');
  const beside = rs.flexDirection === 'row';
  return {
    width: box.width,
    height: box.height,
    beside,
    controls: controls && !beside ? controls.getBoundingClientRect().height + px(rs.rowGap) : 0,
    frame:
      px(ls.paddingTop) + px(ls.paddingBottom) + px(ls.borderTopWidth) + px(ls.borderBottomWidth),
    heights: items.map(({ el }) => el.getBoundingClientRect().height),
    gap: px(ls.rowGap),
    columns: grid ? Math.max(1, ls.gridTemplateColumns.split(/\s+/).filter(Boolean).length) : 1,
  };
};

/** Tests (jsdom has no layout) give sizes here; the kiosk uses the DOM. */
export const PagerMeasure = createContext<Measure>(measureDom);

interface Props {
  items: readonly PagerItem[];
  /** Classes of the list itself ("list activities-list"): the screen's own list styles. */
  listClassName?: string;
  className?: string;
  /** The list's name for a screen reader. */
  label?: string | undefined;
  /** `ol` where the order is the point (a day's time line). */
  ordered?: boolean;
  /** When this changes (another day), the pager goes back to the first page. */
  resetKey?: unknown;
  /** When this changes, the page with this item is shown (the news item just opened). */
  showKey?: string | undefined;
}

interface Measured {
  items: readonly PagerItem[];
  measure: Measure;
  stamp: number;
  layout: PagerLayout;
  pages: Page[];
}

/** Two sizes the same within a pixel: offsetHeight rounds, a transform leaves layout alone. */
const same = (a: number, b: number) => Math.abs(a - b) < 1;

export function Pager({
  items,
  listClassName,
  className,
  label,
  ordered,
  resetKey,
  showKey,
}: Props) {
  const { t } = useTranslation();
  const measure = useContext(PagerMeasure);
  const rootRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement & HTMLOListElement>(null);
  const controlsRef = useRef<HTMLElement>(null);
  const [measured, setMeasured] = useState<Measured | null>(null);
  // Bumped when ResizeObserver sees the space or an item change size.
  const [stamp, setStamp] = useState(0);
  const [page, setPage] = useState(0);
  const reset = useRef(resetKey);
  const shownKey = useRef(showKey);
  // The item asked for stays the one kept in view until the resident pages: it may grow after
  // it was shown (a news item's picture loading), and the item above it is then on another page.
  const pinned = useRef<string | undefined>(undefined);
  const stale =
    !measured ||
    measured.items !== items ||
    measured.measure !== measure ||
    measured.stamp !== stamp;
  const pages = measured?.pages ?? [];
  const at = Math.min(page, Math.max(0, pages.length - 1));
  const current = pages[at];
  // The items on screen by index: a page that continues a part starts with its heading again.
  const shownIndex = stale
    ? items.map((_, i) => i)
    : current
      ? [
          ...(current.carried !== null ? [current.carried] : []),
          ...items.slice(current.start, current.end).map((_, i) => current.start + i),
        ]
      : [];
  const shown = shownIndex.map((i) => items[i]).filter((it) => it !== undefined);
  const scale = !stale && current ? current.scale : 1;

  useLayoutEffect(() => {
    if (!stale) return;
    const root = rootRef.current;
    const list = listRef.current;
    if (!root || !list) return;
    const els = [...list.children] as HTMLElement[];
    const layout = measure({
      root,
      list,
      items: items.map((it, i) => ({ key: it.key, el: els[i]! })).filter((x) => x.el),
      controls: controlsRef.current,
    });
    const input = {
      heights: layout.heights,
      gap: layout.gap,
      columns: layout.columns,
      headings: items.map((it) => it.heading === true),
      wide: items.map((it) => it.wide === true),
    };
    // Everything on one page needs no buttons, so it may use their space too.
    const single = pageBreaks({ ...input, available: layout.height - layout.frame });
    const next =
      single.length <= 1
        ? single
        : pageBreaks({ ...input, available: layout.height - layout.controls - layout.frame });
    // The item the resident had at the top, found again among the new items.
    const was = measured ? measured.items[measured.pages[at]?.start ?? -1]?.key : undefined;
    const changedReset = !Object.is(reset.current, resetKey);
    reset.current = resetKey;
    // The item asked for when that changed, else the one that was at the top.
    const asked = showKey !== shownKey.current && showKey !== undefined;
    shownKey.current = showKey;
    if (asked) pinned.current = showKey;
    else if (changedReset) pinned.current = undefined;
    const keep = asked ? showKey : changedReset ? undefined : (pinned.current ?? was);
    const anchor = keep === undefined ? -1 : items.findIndex((i) => i.key === keep);
    setPage(changedReset && !asked ? 0 : pageAfterChange(next, anchor >= 0 ? anchor : null, at));
    setMeasured({ items, measure, stamp, layout, pages: next });
  });

  // Measure again when the space or a shown item changes size (orientation, text scale, fonts
  // loaded, a card that grew). Compared with the last measurement, so it settles.
  useLayoutEffect(() => {
    const root = rootRef.current;
    const list = listRef.current;
    if (stale || !measured || !root || !list || typeof ResizeObserver === 'undefined') return;
    const check = () => {
      const box = root.getBoundingClientRect();
      const { layout } = measured;
      const grown = ([...list.children] as HTMLElement[]).some(
        (el, i) => !same(el.offsetHeight, layout.heights[shownIndex[i] ?? -1] ?? 0),
      );
      if (grown || !same(box.width, layout.width) || !same(box.height, layout.height)) {
        // Measured again now, before this frame is painted (ResizeObserver runs between layout
        // and paint). A plain update waited for React's next task: frames went by with the old
        // pages, a news card grown by its picture over Hjem (50 ms measured; longer when busy).
        flushSync(() => setStamp((s) => s + 1));
      }
    };
    const observer = new ResizeObserver(check);
    observer.observe(root);
    for (const el of list.children) observer.observe(el);
    return () => observer.disconnect();
  });

  /** The resident pages: from now on the page they chose is what stays in view. */
  const turn = (to: number) => {
    pinned.current = undefined;
    setPage(to);
  };
  const List = ordered ? 'ol' : 'ul';
  // A transform leaves the layout alone: the negative margin gives back the space the scaled
  // list no longer takes, so Forrige / Næste stay right under it, on the screen.
  const natural = (current?.height ?? 0) + (measured?.layout.frame ?? 0);
  const listStyle: CSSProperties | undefined =
    scale < 1
      ? {
          transform: `scale(${scale})`,
          transformOrigin: 'top left',
          marginBottom: `${-(1 - scale) * natural}px`,
        }
      : undefined;
  const count = Math.max(1, pages.length);
  const position = t('pager.position', { page: at + 1, count });
  return (
    <div ref={rootRef} className={['pager', className].filter(Boolean).join(' ')}>
      <List
        ref={listRef}
        className={['pager-list', listClassName].filter(Boolean).join(' ')}
        aria-label={label}
        style={listStyle}
      >
        {shown.map((it) => (
          <li
            key={it.key}
            className={
              [it.heading && 'pager-heading', it.wide && 'pager-wide', it.className]
                .filter(Boolean)
                .join(' ') || undefined
            }
          >
            {it.node}
          </li>
        ))}
      </List>
      {(stale || pages.length > 1 || measured?.layout.beside) && (
        <nav
          ref={controlsRef}
          className="pager-controls"
          aria-label={t('pager.label')}
          hidden={!stale && pages.length <= 1 ? true : undefined}
        >
          <button
            type="button"
            className="secondary big pager-previous"
            disabled={at === 0}
            onClick={() => turn(at - 1)}
          >
            <span className="pager-arrow" aria-hidden="true">
              ←
            </span>
            <span>{t('pager.previous')}</span>
          </button>
          <div className="pager-where">
            {/* Announced when it changes, so a screen reader hears where it is after a tap. */}
            <p className="pager-position" aria-live="polite">
              {position}
            </p>
            <ReadAloud text={sentences(position)} what={position} />
          </div>
          <button
            type="button"
            className="primary big pager-next"
            disabled={at >= count - 1}
            onClick={() => turn(at + 1)}
          >
            <span>{t('pager.next')}</span>
            <span className="pager-arrow" aria-hidden="true">
              →
            </span>
          </button>
        </nav>
      )}
    </div>
  );
}
