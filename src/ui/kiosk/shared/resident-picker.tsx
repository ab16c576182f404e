/**
 * "Hvem er du?": the residents with wall consent as big photo tiles with first names. Only they
 * are ever shown; a resident without consent is signed up by staff, never picked on the wall.
 *
 * More residents than the space holds (a landscape screen at text scale 1.5 has room for one row
 * of tiles) are shown one screen-full at a time by the shared pager, never in a scroll area, and
 * the tiles keep their size. While they all fit the picker is as tall as its tiles, so a dialog
 * with three faces is not a screen-high box: it is laid out once with every tile, and only when
 * they do not fit in the room it is given does it switch to pages (and a dialog holding it takes
 * its full height: the pager needs a space that does not depend on what it shows). Turning the
 * screen, or another number of residents, looks again from the start.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../domain/model.js';
import { Avatar, firstName } from './avatar.js';
import { Pager, type PagerItem } from './pager.js';
import './resident-picker.css';

interface Props {
  residents: readonly Resident[];
  onPick: (resident: Resident) => void;
  /** Marks tiles (e.g. "Tilmeldt") by resident id. */
  marks?: ReadonlyMap<string, string>;
  heading?: string;
  headingLevel?: 2 | 3;
}

/** The picker's content is taller than the room it got (it shrinks and clips while it fits). */
const overflows = (el: HTMLElement): boolean => el.scrollHeight > el.clientHeight + 1;

export function ResidentPicker({ residents, onPick, marks, heading, headingLevel = 2 }: Props) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const shown = residents.filter((r) => r.wallConsent);
  const ref = useRef<HTMLElement>(null);
  const count = shown.length;
  // How many residents there were when they did not fit: another number is laid out afresh.
  const [pagedAt, setPagedAt] = useState<number | null>(null);
  const paged = pagedAt === count;

  // Laid out whole first; pages once the tiles do not fit (also when fonts or photos arrive late
  // and make them taller: the observer sees the grid grow).
  useLayoutEffect(() => {
    const el = ref.current;
    if (paged || !el) return;
    const check = () => {
      if (overflows(el)) setPagedAt(count);
    };
    check();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, [paged, count]);

  // Another size of screen may have room for all of them again: look afresh.
  useEffect(() => {
    const again = () => setPagedAt(null);
    window.addEventListener('resize', again);
    return () => window.removeEventListener('resize', again);
  }, []);

  const tile = (r: Resident) => {
    const mark = marks?.get(r.id);
    return (
      <button type="button" className="picker-tile" onClick={() => onPick(r)}>
        <Avatar resident={r} />
        <span className="picker-name">{firstName(r.displayName)}</span>
        {mark && (
          <>
            {/* A pause for a screen reader: "Anna, Tilmeldt", not "AnnaTilmeldt". */}
            <span className="visually-hidden">, </span>
            <span className="picker-mark">{mark}</span>
          </>
        )}
      </button>
    );
  };
  const items: PagerItem[] = shown.map((r) => ({ key: r.id, node: tile(r) }));

  return (
    <section
      ref={ref}
      className={paged ? 'picker picker-paged' : 'picker'}
      aria-labelledby="picker-title"
    >
      <div className="picker-head">
        <H id="picker-title">{heading ?? t('picker.title')}</H>
        <p className="help">{t('picker.help')}</p>
      </div>
      {count === 0 ? (
        <p className="empty">{t('picker.none')}</p>
      ) : paged ? (
        <Pager
          className="picker-pager"
          listClassName="picker-grid"
          label={heading ?? t('picker.title')}
          items={items}
        />
      ) : (
        <ul className="picker-grid">
          {items.map((it) => (
            <li key={it.key}>{it.node}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
