#!/usr/bin/env python3
"""Give Atkinson Hyperlegible Next a plain zero (issue 11).

The font's zero is slashed, so a kiosk time reads "Ø8.Ø4", and Ø is a Danish letter. The font has
no OpenType alternate for an unslashed zero (its GSUB holds only aalt, case, ccmp, frac, locl,
ordn, pnum, sups, tnum, in the full Google Fonts build as in the Fontsource subsets), so the zero
glyph itself is redrawn: the outer oval is kept and the two counter pieces the slash cut apart
are replaced by one counter, the outer oval scaled into the old counter's bounds and drawn the
other way round. The tabular zero (zero.tf) is a reference to zero and follows.

The font is under the SIL OFL 1.1 with no Reserved Font Name, so a modified copy may keep its
name; the version string says it was modified. Only the latin subsets hold U+0030.

Run from the repository root (needs Debian's python3-fonttools and python3-brotli; the result is
committed, so neither is a build or test dependency):
    python3 assets/fonts/tools/plain-zero.py
It changes nothing in a font whose zero has a single counter already.
"""
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent
FILES = ['atkinson-hyperlegible-next-latin-400.woff2', 'atkinson-hyperlegible-next-latin-700.woff2']


def contours(glyph):
    start = 0
    for end in glyph.endPtsOfContours:
        yield start, end + 1
        start = end + 1


def plain_zero(font: TTFont) -> bool:
    glyf = font['glyf']
    zero = glyf['zero']
    if zero.numberOfContours != 3:
        return False
    coords = list(zero.coordinates)
    flags = list(zero.flags)
    (o0, o1), *counter = list(contours(zero))
    inner = [p for a, b in counter for p in coords[a:b]]
    outer = coords[o0:o1]
    ix0, ix1 = min(x for x, _ in inner), max(x for x, _ in inner)
    iy0, iy1 = min(y for _, y in inner), max(y for _, y in inner)
    ox0, ox1 = min(x for x, _ in outer), max(x for x, _ in outer)
    oy0, oy1 = min(y for _, y in outer), max(y for _, y in outer)
    sx, sy = (ix1 - ix0) / (ox1 - ox0), (iy1 - iy0) / (oy1 - oy0)
    scaled = [(round(ix0 + (x - ox0) * sx), round(iy0 + (y - oy0) * sy)) for x, y in outer]
    # The counter runs against the outer contour (TrueType: outer clockwise, holes the other way).
    # Reverse keeping the first point first, so on- and off-curve points stay in their places.
    order = [0] + list(range(len(scaled) - 1, 0, -1))
    new_coords = outer + [scaled[i] for i in order]
    new_flags = flags[o0:o1] + [flags[o0:o1][i] for i in order]
    from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates
    from array import array

    zero.coordinates = GlyphCoordinates(new_coords)
    zero.flags = array('B', new_flags)
    zero.endPtsOfContours = [len(outer) - 1, 2 * len(outer) - 1]
    zero.numberOfContours = 2
    zero.program.fromBytecode(b'')  # the old hints were for the slashed shape
    zero.recalcBounds(glyf)
    for rec in font['name'].names:
        if rec.nameID == 5:
            rec.string = f'{rec.toUnicode()}; plain zero (Citizen Guide)'
    return True


for name in FILES:
    path = FONTS / name
    font = TTFont(path)
    if plain_zero(font):
        font.flavor = 'woff2'
        font.save(path)
        print(f'{name}: zero redrawn without the slash')
    else:
        print(f'{name}: zero already plain')
