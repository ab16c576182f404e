/**
 * TLS for the centre server (issue 8 section 2): the certificate and key it serves HTTPS with,
 * and the one rule for "did this request come over HTTPS", which decides the cookies' names and
 * `Secure` flag (credentials.ts) and HSTS.
 *
 * A request is secure when it arrived over TLS on this server, or when a proxy this server
 * trusts (`trustProxy`) says so in `X-Forwarded-Proto` (its last entry: the one the nearest
 * proxy wrote). fastify's `req.protocol` applies the same rule to HTTP requests; the socket
 * handshake never passes through fastify, so `secureRequestTest` applies it to a raw request.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createSecureContext } from 'node:tls';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyRequest } from 'fastify';

/** The file paths of `ServerOptions.tls` (`serve --tls-cert FILE --tls-key FILE`). */
export interface TlsFiles {
  cert: string;
  key: string;
}

/** What node:https is given: PEM text of the certificate chain and its private key. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

/** 180 days, sent only over HTTPS (a browser ignores it over HTTP, and it must never pin one). */
export const HSTS_HEADER = 'max-age=15552000';

export class TlsSettingError extends Error {}

function readPem(what: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new TlsSettingError(`Cannot read the TLS ${what} ${file} (${code}).`);
  }
}

/**
 * Reads and checks the certificate and key at start: a missing file, a file that is not PEM or
 * a key that does not belong to the certificate is a setting to fix, said before anything
 * listens, not a TLS handshake that fails later on every kiosk.
 */
export function readTls(files: TlsFiles): TlsMaterial {
  const material = { cert: readPem('certificate', files.cert), key: readPem('key', files.key) };
  try {
    createSecureContext(material);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new TlsSettingError(
      `The TLS certificate ${files.cert} and key ${files.key} cannot be used together (${why}).`,
    );
  }
  return material;
}

/** fastify's `trustProxy`, as accepted by `ServerOptions.trustProxy`. */
type TrustSetting = boolean | string | string[] | undefined;

/** The same trust function fastify builds from its `trustProxy` (fastify/lib/request.js). */
function trustFunction(trust: TrustSetting): (addr: string, hop: number) => boolean {
  if (trust === undefined || trust === false) return () => false;
  if (trust === true) return () => true;
  return proxyAddr.compile(
    typeof trust === 'string' ? trust.split(',').map((t) => t.trim()) : trust,
  );
}

/** As fastify reads it: the last comma-separated entry, trimmed, case kept (`HTTPS` is not). */
const lastEntry = (value: string | string[]): string | undefined =>
  (Array.isArray(value) ? value.join(',') : value).split(',').at(-1)?.trim();

/** Whether a raw request (the socket handshake's) came over HTTPS, by the rule above. */
export function secureRequestTest(trust: TrustSetting): (req: IncomingMessage) => boolean {
  const trusted = trustFunction(trust);
  return (req) => {
    const socket = req.socket as IncomingMessage['socket'] & { encrypted?: boolean };
    if (socket.encrypted === true) return true;
    const proto = req.headers['x-forwarded-proto'];
    if (proto === undefined || socket.remoteAddress === undefined) return false;
    return trusted(socket.remoteAddress, 0) && lastEntry(proto) === 'https';
  };
}

/** Whether an HTTP request came over HTTPS: fastify's `req.protocol`, by the same rule. */
export const isSecureRequest = (req: FastifyRequest): boolean => req.protocol === 'https';
