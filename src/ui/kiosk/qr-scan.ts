/**
 * Scanning the staff admin's enrolment QR code with a kiosk camera (issue 12): where a camera
 * exists, what a scanned text means, and the decoder. The decoder is the browser's own
 * BarcodeDetector where it reads QR codes, else the zxing-wasm polyfill, loaded only when staff
 * press "Skan koden" (qr-decoder.ts: a lazy chunk and its .wasm from our own build, never a CDN:
 * the kiosk is offline by construction).
 */
// As enrol-form.ts tidies a typed code (kept here so the two modules do not import each other).
const tidyCode = (text: string): string => text.toUpperCase().replace(/\s+/g, '');

/** What the scanner needs of a BarcodeDetector (the native one and the polyfill both fit). */
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<readonly { rawValue: string }[]>;
}

/** The parts of `navigator.mediaDevices` the scanner uses (injected in tests). */
export interface CameraDevices {
  enumerateDevices(): Promise<readonly { kind: string }[]>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export interface CameraDeps {
  devices: CameraDevices;
  loadDetector: () => Promise<QrDetector>;
}

/**
 * False where the page's Permissions-Policy forbids the camera: the centre server sends
 * `camera=()` with /kiosk/ in a browser, so there a listed camera could never be opened. The
 * shell's app://kiosk page has no such header (its permission handler allows video only).
 */
function cameraAllowedByPolicy(): boolean {
  const doc = typeof document === 'undefined' ? undefined : document;
  const policy = (doc as { featurePolicy?: { allowsFeature(f: string): boolean } } | undefined)
    ?.featurePolicy;
  return policy ? policy.allowsFeature('camera') : true;
}

/** True only where the browser lists a video input; any failure means "no camera". */
export async function hasCamera(devices: CameraDevices | undefined): Promise<boolean> {
  if (!devices || !cameraAllowedByPolicy()) return false;
  try {
    const list = await devices.enumerateDevices();
    return list.some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

// How codes look: letters, digits and dashes (the server's are 10 characters and a dash).
const CODE = /^[A-Z0-9][A-Z0-9-]{3,19}$/;

/**
 * The code in a scanned text: the staff admin's enrolment address (…/kiosk/#enrol=CODE) or a
 * bare code. Anything else (a web address without a code, a menu's QR code) gives null.
 */
export function codeFromScan(text: string): string | null {
  const trimmed = text.trim();
  let url: URL | null = null;
  try {
    url = new URL(trimmed);
  } catch {
    url = null;
  }
  if (url) {
    const code = new URLSearchParams(url.hash.replace(/^#/, '')).get('enrol');
    const tidy = code === null ? '' : tidyCode(code);
    return CODE.test(tidy) ? tidy : null;
  }
  const tidy = tidyCode(trimmed);
  return CODE.test(tidy) ? tidy : null;
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<readonly string[]>;
}

/** The native BarcodeDetector if it reads QR codes, else the lazily loaded polyfill. */
export async function loadDetector(): Promise<QrDetector> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (Native) {
    try {
      if ((await Native.getSupportedFormats()).includes('qr_code')) {
        return new Native({ formats: ['qr_code'] });
      }
    } catch {
      // fall through to the polyfill
    }
  }
  const { qrDetector } = await import('./qr-decoder.js');
  return qrDetector();
}

/** The real browser's camera, or null where there is no `navigator.mediaDevices` at all. */
export function browserCamera(): CameraDeps | null {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  return devices ? { devices, loadDetector } : null;
}
