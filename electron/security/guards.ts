/**
 * Rules for every web contents the app ever creates (Electron's `web-contents-created`, as
 * Actual Budget's security.ts does), so no window, frame or guest escapes them:
 *
 * - navigation (`will-navigate`), server redirects (`will-redirect`) and any frame's navigation
 *   (`will-frame-navigate`) stay on the kiosk's own origin; a sub-frame may not navigate at all
 *   (the page embeds nothing);
 * - no new window (`setWindowOpenHandler` denies every `window.open` and target=_blank);
 * - no `<webview>` (`will-attach-webview` is refused; `webviewTag` is off as well);
 * - devtools never stay open in kiosk mode (closed if anything opens them).
 */
import { KIOSK_ORIGIN } from '../scheme/kiosk-scheme.js';

type Preventable = { preventDefault(): void };
type NavigationDetails = Preventable & { url: string; isMainFrame?: boolean };

/** The part of Electron's `WebContents` the guards use. */
export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (details: NavigationDetails) => void,
  ): void;
  on(event: 'will-frame-navigate', listener: (details: NavigationDetails) => void): void;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): void;
  on(event: 'devtools-opened', listener: () => void): void;
  closeDevTools(): void;
}

/** Whether a URL is the kiosk page itself (any path of `app://kiosk`). */
export function isKioskUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}` === KIOSK_ORIGIN;
  } catch {
    return false;
  }
}

export function guardWebContents(
  contents: GuardedContents,
  { kioskMode, log }: { kioskMode: boolean; log: (line: string) => void },
): void {
  const stay = (what: string) => (details: NavigationDetails) => {
    if (isKioskUrl(details.url)) return;
    details.preventDefault();
    log(`${what} to ${details.url} refused`);
  };
  contents.setWindowOpenHandler(({ url }) => {
    log(`new window for ${url} refused`);
    return { action: 'deny' };
  });
  contents.on('will-navigate', stay('navigation'));
  contents.on('will-redirect', stay('redirect'));
  const mainFrame = stay('frame navigation');
  contents.on('will-frame-navigate', (details) => {
    if (details.isMainFrame === false) {
      details.preventDefault();
      log(`sub-frame navigation to ${details.url} refused`);
      return;
    }
    mainFrame(details);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('a <webview> was refused');
  });
  if (kioskMode) contents.on('devtools-opened', () => contents.closeDevTools());
}
