/**
 * Sizes for the pager in a jsdom test (nothing is laid out there): a space of `height` px for
 * the list, Forrige / Næste taking `controls`, and each item's height by what it shows.
 */
import type { Measure } from '../shared/pager.js';

export function pagerSizes(
  height: number,
  itemHeight: (el: HTMLElement) => number = () => 100,
  { controls = 120, gap = 10, columns = 1 } = {},
): Measure {
  return ({ items }) => ({
    width: 1000,
    height,
    controls,
    frame: 0,
    heights: items.map(({ el }) => itemHeight(el)),
    gap,
    columns,
  });
}
