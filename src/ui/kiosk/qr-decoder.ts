/**
 * The zxing-wasm QR decoder, in a chunk of its own that qr-scan.ts imports only when staff press
 * "Skan koden". The .wasm is a Vite asset of our own build (`?url`), so it comes from the page's
 * own origin (the server's /kiosk/assets/ or the shell's app://kiosk/assets/), never from the
 * jsDelivr address zxing-wasm would use by default (vite.config.ts also strips that address from
 * the bundle). The reader build only: the kiosk never writes barcodes.
 */
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { QrDetector } from './qr-scan.js';

let prepared = false;

export function qrDetector(): QrDetector {
  if (!prepared) {
    prepareZXingModule({
      overrides: {
        locateFile: (path: string, prefix: string) =>
          path.endsWith('.wasm') ? wasmUrl : prefix + path,
      },
    });
    prepared = true;
  }
  return new BarcodeDetector({ formats: ['qr_code'] });
}
