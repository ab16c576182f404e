/**
 * Where the kiosk's sync socket goes. In a browser the page comes from the centre server, so
 * that is its own origin. In the Electron shell the page comes from the package
 * (`app://kiosk/`), which forwards `/api` and `/media` but cannot carry a WebSocket: the shell
 * names the server as `window.citizenGuide.server` (electron/ipc-contract.ts).
 */
export function socketServer(): string {
  const shell = (window as { citizenGuide?: { server?: unknown } }).citizenGuide;
  return serverFrom(shell?.server, location.origin);
}

/** The shell's server when it names an http(s) one, else the page's own origin. */
export function serverFrom(injected: unknown, origin: string): string {
  if (typeof injected !== 'string') return origin;
  try {
    const url = new URL(injected);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : origin;
  } catch {
    return origin;
  }
}
