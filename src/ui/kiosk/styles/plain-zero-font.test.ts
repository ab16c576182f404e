/**
 * Issue 11: the shipped font's zero is plain. Atkinson Hyperlegible Next draws a slashed zero, so
 * "08.04" read as "Ø8.Ø4" (Ø is a Danish letter) on the wall screen, the staff pages and the
 * relatives' page, which all load assets/fonts/fonts.css. The font has no OpenType alternate, so
 * the glyph was redrawn (assets/fonts/tools/plain-zero.py). A slashed zero is the oval with its
 * counter cut in two by the slash: three contours. A plain zero, like the letter O: two.
 *
 * Read straight from the WOFF2 (Node's brotli): the table directory, cmap format 4 for the
 * character's glyph, and the transformed glyf table's nContour stream (WOFF2 spec 5.1), which
 * holds each glyph's number of contours as int16 in glyph order.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// WOFF2's known-table list (spec 4.1), up to the ones a TrueType font like this one has.
const KNOWN_TAGS = [
  ...['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm'],
  ...['glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern'],
  ...['LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB'],
];

interface Table {
  data: Buffer;
  transformed: boolean;
}

function tablesOf(file: Buffer): Map<string, Table> {
  expect(file.toString('latin1', 0, 4)).toBe('wOF2');
  const numTables = file.readUInt16BE(12);
  const compressedSize = file.readUInt32BE(20);
  let p = 48;
  const base128 = (): number => {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const c = file[p++]!;
      v = v * 128 + (c & 0x7f);
      if ((c & 0x80) === 0) return v;
    }
    throw new Error('bad UIntBase128');
  };
  const dir: { tag: string; length: number; transformed: boolean }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = file[p++]!;
    let tag = KNOWN_TAGS[flags & 63] ?? '?';
    if ((flags & 63) === 63) {
      tag = file.toString('latin1', p, p + 4);
      p += 4;
    }
    const version = flags >> 6;
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    let length = base128();
    if (transformed) length = base128();
    dir.push({ tag, length, transformed });
  }
  const data = brotliDecompressSync(file.subarray(p, p + compressedSize));
  const out = new Map<string, Table>();
  let at = 0;
  for (const t of dir) {
    out.set(t.tag, { data: data.subarray(at, at + t.length), transformed: t.transformed });
    at += t.length;
  }
  return out;
}

/** The glyph index of a BMP code point, from the (3,1) cmap's format 4 subtable. */
function glyphOf(cmap: Buffer, code: number): number {
  const n = cmap.readUInt16BE(2);
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    if (platform !== 3 || encoding !== 1 || cmap.readUInt16BE(offset) !== 4) continue;
    const segX2 = cmap.readUInt16BE(offset + 6);
    const ends = offset + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      if (cmap.readUInt16BE(ends + s) < code) continue;
      const start = cmap.readUInt16BE(starts + s);
      if (start > code) return 0;
      const delta = cmap.readInt16BE(deltas + s);
      const range = cmap.readUInt16BE(ranges + s);
      if (range === 0) return (code + delta) & 0xffff;
      const g = cmap.readUInt16BE(ranges + s + range + (code - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
  }
  throw new Error('no (3,1) format 4 cmap');
}

function contoursOf(fontFile: string, char: string): number {
  const url = new URL(`../../../../assets/fonts/${fontFile}`, import.meta.url);
  const tables = tablesOf(readFileSync(url));
  const glyph = glyphOf(tables.get('cmap')!.data, char.codePointAt(0)!);
  const glyf = tables.get('glyf')!;
  expect(glyf.transformed).toBe(true);
  // Transformed glyf: 36 bytes of header, then the nContour stream (int16 per glyph).
  return glyf.data.readInt16BE(36 + glyph * 2);
}

describe('the shipped font draws zero without a slash', () => {
  for (const file of [
    'atkinson-hyperlegible-next-latin-400.woff2',
    'atkinson-hyperlegible-next-latin-700.woff2',
  ]) {
    it(file, () => {
      // The reading itself is right: O is one oval with one counter, 8 has two counters.
      expect(contoursOf(file, 'O')).toBe(2);
      expect(contoursOf(file, '8')).toBe(3);
      expect(contoursOf(file, '0')).toBe(2);
    });
  }
});
