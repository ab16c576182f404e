import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, type Image } from './png.js';

interface Decoded {
  width: number;
  height: number;
  colourType: number;
  chunks: string[];
  pixels: Uint8Array;
}

/** A strict little decoder: checks every CRC and undoes each row's filter. */
function decode(png: Buffer): Decoded {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer = Buffer.alloc(0);
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push(type);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect(header[8]).toBe(8);
  const colourType = header[9] ?? -1;
  const channels = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = new Uint8Array(stride * height);
  const px = (i: number): number => pixels[i] ?? 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? px(y * stride + i - channels) : 0;
      const b = y > 0 ? px((y - 1) * stride + i) : 0;
      const c = y > 0 && i >= channels ? px((y - 1) * stride + i - channels) : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][
        filter ?? 0
      ];
      pixels[y * stride + i] = ((raw[y * (stride + 1) + 1 + i] ?? 0) + (predictor ?? 0)) & 0xff;
    }
  }
  return { width, height, colourType, chunks, pixels };
}

function gradient(width: number, height: number, channels: 3 | 4): Image {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      data.set([x * 3, y * 5, (x * y) & 0xff, 200].slice(0, channels), i);
    }
  return { width, height, channels, data };
}

describe('encodePng', () => {
  it('writes a PNG that zlib decodes back to the same size and pixels (RGB)', () => {
    const image = gradient(37, 21, 3);
    // A pixel to find again: (30, 12) is pure orange.
    image.data.set([255, 128, 0], (12 * 37 + 30) * 3);
    const decoded = decode(encodePng(image));
    expect(decoded).toMatchObject({ width: 37, height: 21, colourType: 2 });
    expect(decoded.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...decoded.pixels.subarray((12 * 37 + 30) * 3, (12 * 37 + 31) * 3)]).toEqual([
      255, 128, 0,
    ]);
    expect(decoded.pixels).toEqual(image.data);
  });

  it('keeps transparency with RGBA', () => {
    const image = gradient(16, 9, 4);
    const decoded = decode(encodePng(image));
    expect(decoded.colourType).toBe(6);
    expect(decoded.pixels).toEqual(image.data);
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePng({ width: 4, height: 4, channels: 3, data: new Uint8Array(47) })).toThrow(
      /48 bytes/,
    );
  });
});
