/**
 * What the kiosk page may ask the browser for, and nothing else: the request handler (a page
 * asks, e.g. `navigator.storage.persist()`) and the check handler (a page or Chromium asks
 * "is it granted?", e.g. `navigator.permissions.query`) share one rule, so they cannot
 * disagree. Only the kiosk's own origin gets anything:
 *
 * - `persistent-storage`: the day's cache in IndexedDB must not be evicted under disk pressure.
 * - `media` with video only: the first-run enrol form's "Skan koden" reads the staff admin's QR
 *   code with the kiosk's camera (src/ui/kiosk/qr-scanner.tsx). Never audio, and never a
 *   request that does not say what it wants: nothing on a wall screen records sound.
 *
 * Microphone, notifications, geolocation, clipboard, HID/USB/serial, screen capture,
 * fullscreen requests by the page, opening external apps: all refused.
 */
import { KIOSK_ORIGIN } from '../scheme/kiosk-scheme.js';

export interface PermissionAsk {
  permission: string;
  /** The origin (or URL) of the frame that asks. */
  origin: string | undefined;
  /** For `media`: what it wants ('video', 'audio'); absent for other permissions. */
  mediaTypes?: readonly string[] | undefined;
}

const originOf = (value: string | undefined): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value);
    // Node gives non-special schemes (app:) an opaque origin "null": build it from the parts.
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
};

export function isPermitted({ permission, origin, mediaTypes }: PermissionAsk): boolean {
  if (originOf(origin) !== KIOSK_ORIGIN) return false;
  if (permission === 'media') {
    return !!mediaTypes && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video');
  }
  return permission === 'persistent-storage';
}

/** The session methods used here (Electron's `Session`). */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; mediaTypes?: string[] },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { requestingUrl?: string; mediaType?: string },
    ) => boolean,
  ): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

export function installPermissionHandlers(
  session: PermissionSession,
  log: (line: string) => void,
): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const ok = isPermitted({
      permission,
      origin: details.requestingUrl,
      mediaTypes: details.mediaTypes,
    });
    if (!ok) log(`permission ${permission} refused for ${details.requestingUrl ?? 'a frame'}`);
    callback(ok);
  });
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isPermitted({
      permission,
      origin: requestingOrigin || details.requestingUrl,
      ...(details.mediaType ? { mediaTypes: [details.mediaType] } : {}),
    }),
  );
  // WebHID, WebUSB, Web Serial: no device is ever handed to the page.
  session.setDevicePermissionHandler(() => false);
}
