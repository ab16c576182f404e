/**
 * The centre server's address must be https unless it is this machine: the kiosk sends its
 * device token to it, and a resident's photos and plans come back. Plain http is accepted on
 * loopback only (a server on the kiosk PC itself, or a TLS proxy there).
 */
import { ConfigError } from '../config.js';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why this server address may not be used, or null when it may. */
export function serverUrlProblem(serverUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return 'serverUrl: not an address';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  if (url.protocol === 'http:')
    return `serverUrl: ${url.host} is another machine, so its address must start with https:// (plain http is only for a server on this PC)`;
  return `serverUrl: ${url.protocol} is not a web address; use https://`;
}

export function assertServerAllowed(serverUrl: string, source: string): void {
  const problem = serverUrlProblem(serverUrl);
  if (problem) throw new ConfigError(`${source} is not a valid kiosk configuration: ${problem}`);
}
