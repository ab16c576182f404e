/**
 * The kiosk page's Content-Security-Policy in the shell. The same rules as the server's pages
 * (src/server/http/app.ts CSP_DIRECTIVES: scripts and styles only from the page's own origin,
 * nothing embedded), with two differences: 'self' is `app://kiosk`, whose `/api` and `/media`
 * the shell forwards to the configured server only; and `connect-src` names that one server's
 * socket address, nothing else. No service worker ('none'): the package is the offline copy.
 */
/** `ws://host:port` for http, `wss://` for https: where the page's sync socket goes. */
export function socketOrigin(server: string): string {
  const url = new URL(server);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

export function kioskCsp(server: string): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // 'wasm-unsafe-eval': compiling WebAssembly, which Chromium refuses under script-src 'self'
    // alone; the enrol form's QR decoder is a .wasm of our own package. No eval() of strings.
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    // React sets style attributes (the pager's measured sizes); no inline <style> is shipped.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    // Read-aloud plays server-rendered clips kept as blobs.
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", socketOrigin(server)]],
    ['font-src', ["'self'"]],
    ['worker-src', ["'none'"]],
    ['manifest-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
