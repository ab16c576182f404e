import { describe, expect, it } from 'vitest';
import { FakeContents, fakeElectron } from '../testing/fake-electron.js';
import { kioskCsp, socketOrigin } from './csp.js';
import { guardWebContents } from './guards.js';
import { hardenApp } from './harden.js';
import { isPermitted } from './permissions.js';
import { isAllowedRequest, restrictRequests } from './requests.js';
import { isLoopbackHost, serverUrlProblem } from './server-url.js';

function guarded(kioskMode = true) {
  const contents = new FakeContents();
  const lines: string[] = [];
  guardWebContents(contents, { kioskMode, log: (l) => lines.push(l) });
  return { contents, lines };
}

describe('navigation guards (every web contents)', () => {
  it('will-navigate: stays on app://kiosk, anything else is refused', () => {
    const { contents, lines } = guarded();
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'http://c:8080/kiosk/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://kiosk.evil/')).toBe(true);
    expect(contents.navigate('will-navigate', 'not a url')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://kiosk/')).toBe(false);
    expect(contents.navigate('will-navigate', 'app://kiosk/#enrol=X')).toBe(false);
    expect(lines[0]).toBe('navigation to https://evil.example/ refused');
  });

  it('will-redirect: a server redirect cannot replace the app', () => {
    const { contents } = guarded();
    expect(contents.navigate('will-redirect', 'https://evil.example/login')).toBe(true);
    expect(contents.navigate('will-redirect', 'app://kiosk/')).toBe(false);
  });

  it('will-frame-navigate: the main frame stays home, and no sub-frame navigates at all', () => {
    const { contents } = guarded();
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/', true)).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'app://kiosk/', true)).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'app://kiosk/', false)).toBe(true);
  });

  it('setWindowOpenHandler: no window.open, no target=_blank, whatever the address', () => {
    const { contents, lines } = guarded();
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://kiosk/' })).toEqual({ action: 'deny' });
    expect(lines).toHaveLength(2);
  });

  it('will-attach-webview: a <webview> is refused', () => {
    const { contents } = guarded();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('devtools: closed at once in kiosk mode, left alone in development', () => {
    const kiosk = guarded(true);
    kiosk.contents.emit('devtools-opened');
    expect(kiosk.contents.devToolsClosed).toBe(1);
    const dev = guarded(false);
    dev.contents.emit('devtools-opened');
    expect(dev.contents.devToolsClosed).toBe(0);
  });
});

describe('app-wide hardening', () => {
  function hardened() {
    const f = fakeElectron();
    const lines: string[] = [];
    hardenApp(f.electron, { kioskMode: true, log: (l) => lines.push(l), server: 'https://c' });
    return { ...f, lines };
  }

  it('removes the application menu, and with it its accelerators (reload, zoom, devtools)', () => {
    expect(hardened().menu()).toBeNull();
  });

  it('guards every web contents created later, not only the kiosk window', () => {
    const f = hardened();
    const other = new FakeContents();
    for (const l of f.appListeners.get('web-contents-created') ?? [])
      (l as (e: unknown, c: FakeContents) => void)({}, other);
    expect(other.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(other.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('permission request handler: grants only what the kiosk needs, to the kiosk page only', () => {
    const f = hardened();
    const ask = (permission: string, requestingUrl: string, mediaTypes?: string[]) => {
      let granted: boolean | null = null;
      f.permission.request?.(null, permission, (ok) => (granted = ok), {
        requestingUrl,
        ...(mediaTypes ? { mediaTypes } : {}),
      });
      return granted;
    };
    expect(ask('persistent-storage', 'app://kiosk/')).toBe(true);
    // The camera for the enrol form's QR scan, video only; never the microphone.
    expect(ask('media', 'app://kiosk/', ['video'])).toBe(true);
    expect(ask('media', 'app://kiosk/', ['video', 'audio'])).toBe(false);
    expect(ask('media', 'app://kiosk/', ['audio'])).toBe(false);
    expect(ask('media', 'app://kiosk/')).toBe(false);
    expect(ask('media', 'app://kiosk/', [])).toBe(false);
    expect(ask('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(ask('persistent-storage', 'https://guide.example.dk/')).toBe(false);
    for (const p of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'display-capture',
    ])
      expect(ask(p, 'app://kiosk/'), p).toBe(false);
    expect(f.lines.some((l) => /permission notifications refused/.test(l))).toBe(true);
  });

  it('permission check handler: the same answers, so a query cannot disagree with a request', () => {
    const f = hardened();
    const check = (permission: string, origin: string, mediaType?: string) =>
      f.permission.check?.(null, permission, origin, mediaType ? { mediaType } : {});
    expect(check('persistent-storage', 'app://kiosk')).toBe(true);
    expect(check('media', 'app://kiosk', 'video')).toBe(true);
    expect(check('media', 'app://kiosk', 'audio')).toBe(false);
    expect(check('media', 'app://kiosk')).toBe(false);
    expect(check('media', 'https://evil.example', 'video')).toBe(false);
    expect(check('notifications', 'app://kiosk')).toBe(false);
    expect(check('persistent-storage', 'https://evil.example')).toBe(false);
    expect(f.permission.device?.({})).toBe(false);
  });

  it('the rule itself refuses a frame without an origin', () => {
    expect(isPermitted({ permission: 'persistent-storage', origin: undefined })).toBe(false);
    expect(isPermitted({ permission: 'persistent-storage', origin: 'garbage' })).toBe(false);
  });
});

describe('content security policy', () => {
  it('connects only to the page itself and the configured server’s socket', () => {
    const csp = kioskCsp('https://guide.example.dk');
    expect(csp).toContain("connect-src 'self' wss://guide.example.dk;");
    expect(kioskCsp('http://127.0.0.1:8080')).toContain("connect-src 'self' ws://127.0.0.1:8080;");
    expect(socketOrigin('https://a.example:8443/x')).toBe('wss://a.example:8443');
  });

  it('runs no script, style, frame, object or worker from anywhere else', () => {
    const csp: Record<string, string[]> = Object.fromEntries(
      kioskCsp('https://g.example')
        .split('; ')
        .map((d): [string, string[]] => [d.split(' ')[0] ?? '', d.split(' ').slice(1)]),
    );
    // 'wasm-unsafe-eval' lets the page compile its own WebAssembly (the QR decoder's .wasm,
    // from 'self' like every script); it allows no eval() of strings.
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-src']).toEqual(["'none'"]);
    expect(csp['worker-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(JSON.stringify(csp)).not.toMatch(/'unsafe-eval'|\*/);
  });
});

describe('server address rule', () => {
  it('https anywhere; plain http only on this PC', () => {
    expect(serverUrlProblem('https://guide.example.dk')).toBeNull();
    expect(serverUrlProblem('https://192.168.1.10:8443')).toBeNull();
    for (const local of [
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
      'http://127.4.5.6',
    ])
      expect(serverUrlProblem(local), local).toBeNull();
    expect(serverUrlProblem('http://192.168.1.10:8080')).toMatch(
      /^serverUrl: 192\.168\.1\.10:8080 is another machine, so its address must start with https:\/\//,
    );
    expect(serverUrlProblem('http://localhost.evil.example')).toMatch(/another machine/);
    expect(serverUrlProblem('ftp://x')).toMatch(/use https/);
    expect(serverUrlProblem('nonsense')).toMatch(/not an address/);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
  });
});

describe('requests a page may make (under the CSP, independent of it)', () => {
  function restricted(server = 'https://guide.example.dk') {
    let listener:
      | ((
          d: { url: string; webContentsId?: number },
          cb: (r: { cancel?: boolean }) => void,
        ) => void)
      | null = null;
    const lines: string[] = [];
    restrictRequests({ onBeforeRequest: (_filter, l) => (listener = l) }, server, (l) =>
      lines.push(l),
    );
    const cancelled = (url: string, webContentsId: number | null = 1): boolean => {
      let answer: { cancel?: boolean } = {};
      listener?.(webContentsId === null ? { url } : { url, webContentsId }, (r) => (answer = r));
      return answer.cancel === true;
    };
    return { cancelled, lines };
  }

  it('lets the page reach itself, its own data and blobs, and the configured server only', () => {
    const { cancelled, lines } = restricted();
    expect(cancelled('app://kiosk/kiosk/assets/index.js')).toBe(false);
    expect(cancelled('app://kiosk/media/abc')).toBe(false);
    expect(cancelled('wss://guide.example.dk/socket.io/?EIO=4&transport=websocket')).toBe(false);
    expect(cancelled('https://guide.example.dk/media/abc')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled('blob:app://kiosk/1234')).toBe(false);
    expect(cancelled('https://evil.example/track.gif')).toBe(true);
    expect(cancelled('http://guide.example.dk/media/abc')).toBe(true); // not downgraded
    expect(cancelled('https://guide.example.dk:8443/')).toBe(true); // another port
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('app://other/')).toBe(true);
    expect(lines[0]).toMatch(/request to https:\/\/evil\.example\/track\.gif refused/);
  });

  it('leaves main’s own requests alone (the proxy, the updater)', () => {
    const { cancelled } = restricted();
    expect(cancelled('https://updates.example.org/latest.yml', null)).toBe(false);
  });

  it('uses ws and http for a server on this PC', () => {
    const { cancelled } = restricted('http://127.0.0.1:8080');
    expect(cancelled('ws://127.0.0.1:8080/socket.io/')).toBe(false);
    expect(cancelled('wss://127.0.0.1:8080/socket.io/')).toBe(true);
    expect(isAllowedRequest('nonsense', 'http://127.0.0.1:8080')).toBe(false);
  });
});
