/**
 * Where a page may send requests at all, under the CSP and independent of it: the kiosk's own
 * app://kiosk (which forwards /api and /media to the server itself), the configured server
 * (the sync socket, and an http(s) fallback of it), and the page's own data:/blob: URLs. Any
 * other request a renderer makes is cancelled and logged. This covers what a CSP does not: a
 * window without one (the shell's own message pages), a page's CSP weakened by a bug, and
 * prefetches and pings outside `connect-src`.
 *
 * Requests made by main itself (the proxy's `net.fetch`, electron-updater) carry no web contents
 * and are not this rule's business.
 */
import { KIOSK_ORIGIN } from '../scheme/kiosk-scheme.js';

export interface RequestDetails {
  url: string;
  webContentsId?: number;
}

export interface WebRequestLike {
  onBeforeRequest(
    filter: { urls: string[] },
    listener: (details: RequestDetails, callback: (response: { cancel?: boolean }) => void) => void,
  ): void;
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:']);

export function isAllowedRequest(target: string, server: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(url.protocol)) return true;
  if (`${url.protocol}//${url.host}` === KIOSK_ORIGIN) return true;
  const centre = new URL(server);
  const secure = centre.protocol === 'https:';
  const schemes = secure ? ['https:', 'wss:'] : ['http:', 'ws:'];
  return schemes.includes(url.protocol) && url.host === centre.host;
}

export function restrictRequests(
  webRequest: WebRequestLike,
  server: string,
  log: (line: string) => void,
): void {
  webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    if (details.webContentsId === undefined || isAllowedRequest(details.url, server)) {
      callback({});
      return;
    }
    log(`request to ${details.url} refused (not the kiosk or its server)`);
    callback({ cancel: true });
  });
}
