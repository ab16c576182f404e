import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 16 * 1024;
/** How much of an oversize body is read and dropped so the client can still read the 413. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Content-Security-Policy for the kiosk page (and everything else served as a document): nothing
 * from outside, no inline script.
 */
export const KIOSK_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The client went away before its request body was complete (closed the connection, reset it):
 * nobody is left to answer, and it is the client's doing, so it is no server error.
 */
export class ClientAborted extends Error {
  constructor(readonly reason?: unknown) {
    super('The client closed the connection before its request body was complete.');
  }
}

/**
 * Whether an answer can still be written: not when one was started already (by this layer or by
 * engine.io), nor when the connection is gone. Writing then throws ERR_HTTP_HEADERS_SENT, which
 * took the whole process down once.
 */
export const canAnswer = (res: ServerResponse): boolean =>
  !res.headersSent && !res.writableEnded && !res.destroyed;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (!canAnswer(res)) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  // After an oversize body the connection is not reused: the rest of the body may still come.
  sendJson(
    res,
    err.status,
    { error: err.code, message: err.message },
    err.status === 413 ? { connection: 'close' } : {},
  );
}

/**
 * Reads a JSON object body of at most MAX_BODY_BYTES. Rejects with `ClientAborted` when the client
 * closes the connection mid-body (the promise never hangs on a vanished client).
 */
export function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        // Read on and drop what the client still sends, so it gets the 413 and not a connection
        // reset; past DRAIN_LIMIT_BYTES it is not worth it.
        if (size > DRAIN_LIMIT_BYTES) req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        reject(
          new HttpError(
            413,
            'too_large',
            `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          reject(new HttpError(400, 'invalid', 'The request body must be a JSON object.'));
        } else resolve(value as Record<string, unknown>);
      } catch {
        reject(new HttpError(400, 'invalid', 'The request body is not valid JSON.'));
      }
    });
    // A client that goes away mid-body: 'aborted'/'error' (ECONNRESET) or just 'close' before 'end'.
    req.on('error', (err) => reject(new ClientAborted(err)));
    req.on('close', () => {
      if (!ended) reject(new ClientAborted());
    });
  });
}

export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a malformed cookie is no credential (and no 500)
    }
  }
  return undefined;
}

/**
 * The caller's token: `Authorization: Bearer`, else the person's `cg_session` cookie, else the
 * kiosk's `cg_device` cookie (what a browser sends with a plain `<img src="/media/…">`).
 */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  return cookie(req, SESSION_COOKIE) ?? cookie(req, DEVICE_COOKIE);
}

export const SESSION_COOKIE = 'cg_session';
/** The kiosk's device token as an HttpOnly cookie, so the browser can fetch media with it. */
export const DEVICE_COOKIE = 'cg_device';
/** Chromium keeps no cookie longer than 400 days; the kiosk renews it at every start. */
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 86400;

export const deviceCookie = (token: string): string =>
  `${DEVICE_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`;

export const clientIp = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';
