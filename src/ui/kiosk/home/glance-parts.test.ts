/**
 * Home's glance lists give way part by part (issue 11): the last items first, then the heading,
 * so a band with room for one item shows that item rather than nothing (a blank band at
 * 1920×1080 ×1.25). The layout itself is measured in Chromium by the fit walker's blank check.
 */
import { describe, expect, it } from 'vitest';
import { shownParts } from './today-strip.js';

describe('a glance list with less room', () => {
  it('keeps its heading while an item fits under it, then one item alone, then nothing', () => {
    // Three meals and the heading: four parts.
    expect(shownParts(4)).toEqual({ heading: true, items: 3 });
    expect(shownParts(2)).toEqual({ heading: true, items: 1 });
    expect(shownParts(1)).toEqual({ heading: false, items: 1 });
    expect(shownParts(0)).toEqual({ heading: false, items: 0 });
  });
});
