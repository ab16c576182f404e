/**
 * The QR decoder really works offline (issue 12, "scan the QR code from the staff admin"): the
 * polyfill that qr-decoder.ts loads, fed with the .wasm file our build ships (never fetched from
 * a CDN), reads a QR code PNG made here from the staff admin's enrolment address.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { BarcodeDetector, prepareZXingModule, ZXING_WASM_SHA256 } from 'barcode-detector/ponyfill';
import { encode } from 'uqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeFromScan } from './qr-scan.js';

const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A grey-scale PNG of `text` as a QR code, 8 px a module, with the quiet zone. */
function qrPng(text: string): Buffer {
  const qr = encode(text, { border: 4 });
  const scale = 8;
  const width = qr.size * scale;
  const rows: Buffer[] = [];
  for (let y = 0; y < width; y++) {
    const row = Buffer.alloc(1 + width); // filter byte 0, then one byte a pixel
    for (let x = 0; x < width; x++) {
      row[1 + x] = qr.data[Math.floor(y / scale)]![Math.floor(x / scale)] ? 0 : 255;
    }
    rows.push(row);
  }
  const head = Buffer.alloc(13);
  head.writeUInt32BE(width, 0);
  head.writeUInt32BE(width, 4);
  head[8] = 8; // bit depth
  head[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', head),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(() => {
  // The polyfill returns boxes as DOMRectReadOnly, which browsers have and Node does not.
  (globalThis as { DOMRectReadOnly?: unknown }).DOMRectReadOnly ??= class {
    constructor(
      readonly x = 0,
      readonly y = 0,
      readonly width = 0,
      readonly height = 0,
    ) {}
  };
  const wasm = readFileSync(wasmPath);
  prepareZXingModule({
    overrides: {
      // The bytes are given: emscripten still names the file, and must not fetch it.
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
      locateFile: (path: string, prefix: string) => prefix + path,
    },
  });
});

describe('the QR decoder the kiosk ships', () => {
  it('is the .wasm the polyfill was built for (the build serves this very file)', () => {
    const sha = createHash('sha256').update(readFileSync(wasmPath)).digest('hex');
    expect(sha).toBe(ZXING_WASM_SHA256);
  });

  it('reads the staff admin enrolment address from a QR code PNG, with no network', async () => {
    const address = 'https://centre.example/kiosk/#enrol=ABCDE-FGHJK';
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    const found = await detector.detect(
      new Blob([new Uint8Array(qrPng(address))], { type: 'image/png' }),
    );
    expect(found.map((f) => f.rawValue)).toEqual([address]);
    expect(codeFromScan(found[0]!.rawValue)).toBe('ABCDE-FGHJK');
  });

  it('finds nothing in a blank picture', async () => {
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    const found = await detector.detect(
      new Blob([new Uint8Array(pngOfWhite(64))], { type: 'image/png' }),
    );
    expect(found).toEqual([]);
  });
});

function pngOfWhite(width: number): Buffer {
  const rows = Buffer.alloc((1 + width) * width, 255);
  for (let y = 0; y < width; y++) rows[y * (1 + width)] = 0;
  const head = Buffer.alloc(13);
  head.writeUInt32BE(width, 0);
  head.writeUInt32BE(width, 4);
  head[8] = 8;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', head),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
