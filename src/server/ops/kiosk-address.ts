/**
 * The address kiosks open, for the CLI's enrolment codes. `enrol-code` runs as its own process
 * and cannot ask the server where it listens, so `serve` records its kiosk address in the data
 * directory (`kiosk-address`, 0600 like everything there) and `enrol-code` reads it; `--url` on
 * either overrides it (a reverse proxy, a host name, https).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { renderUnicodeCompact } from 'uqr';

const FILE = 'kiosk-address';

export class AddressError extends Error {}

/** `http(s)://host[:port]` from operator input, or AddressError: kiosks need a bare origin. */
export function parseOrigin(text: string): string {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new AddressError(
      `--url must be the address kiosks open, like http://192.168.1.20:8080 or https://guide.centre.lan (http or https, no path), not "${text}".`,
    );
  }
  return url.origin;
}

/** The first IPv4 address of this machine on a network, for a server listening on every one. */
function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return null;
}

/** Where kiosks reach a server listening on host:port (`https:` when it serves TLS). */
export function kioskOrigin(host: string, port: number, scheme = 'http:'): string {
  const everywhere = host === '0.0.0.0' || host === '::' || host === '';
  const name = everywhere ? (lanAddress() ?? '127.0.0.1') : host;
  return `${scheme}//${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/**
 * Written beside and renamed into place, so a reader (or a SIGTERM right after the listening
 * line) never meets a file that exists but is still empty: `enrol-code` would then fall back to
 * the default address without a word (seen under load in first-minutes.test.ts).
 */
export function recordKioskAddress(dataDir: string, origin: string): void {
  const partial = join(dataDir, `${FILE}.partial`);
  writeFileSync(partial, `${origin}\n`, { mode: 0o600 });
  renameSync(partial, join(dataDir, FILE));
}

export function readKioskAddress(dataDir: string): string | null {
  try {
    return parseOrigin(readFileSync(join(dataDir, FILE), 'utf8').trim());
  } catch {
    return null;
  }
}

/** "14:32 on 1 Dec 2026, Europe/Copenhagen time": what a person in the centre reads on a clock. */
export function centreTime(instant: Date, timeZone: string): string {
  const part = (opts: Intl.DateTimeFormatOptions): string =>
    new Intl.DateTimeFormat('en-GB', { timeZone, ...opts }).format(instant);
  return `${part({ hour: '2-digit', minute: '2-digit' })} on ${part({ day: 'numeric', month: 'short', year: 'numeric' })}, ${timeZone} time`;
}

/** The kiosk's enrolment address and a QR code of it, for a terminal (light modules as blocks). */
export function enrolLines(origin: string, code: string): string[] {
  const address = `${origin}/kiosk/#enrol=${code}`;
  return [address, '', ...renderUnicodeCompact(address).split('\n')];
}
