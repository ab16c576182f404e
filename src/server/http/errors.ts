/**
 * Every HTTP answer that is not a success goes through here, in the one JSON shape of the
 * protocol (`{ error: CODE, message: TEXT }`, src/protocol/README.md section 2):
 * - a client's mistake (bad JSON, a wrong content type, an oversize body, a body or query that
 *   fails its schema, a malformed `%`-escape, an unknown route) gets its 4xx and is logged at
 *   debug level at most: it is no server failure;
 * - a client that went away mid-request gets no answer (nobody is left to read it), logged at
 *   debug level;
 * - anything else is a server bug: `500 internal` and one error log line with the stack.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** Request bodies (JSON) are small: the largest is a login. Uploads go through multipart. */
export const MAX_BODY_BYTES = 16 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra answer headers, e.g. `retry-after`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** fastify's own client errors, by their code, in our words. */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    'invalid',
    'The request says it holds JSON but its body is empty.',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'too_large',
    `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported_media_type',
    'Send the request body as application/json.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    'invalid',
    'The request body does not match its content-length.',
  ],
  FST_ERR_BAD_URL: [400, 'invalid', 'The request address holds a malformed %-escape.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'invalid', 'A part of the request address is too long.'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'unsupported_media_type', 'The content-type is not valid.'],
};

/** The code for any other 4xx a plugin raises (multipart limits, for example). */
const CODE_BY_STATUS: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'invalid',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** The zod issues of a failed schema, as one plain sentence a developer can act on. */
function validationMessage(err: FastifyError): string {
  if (hasZodFastifySchemaValidationErrors(err)) {
    return err.validation
      .map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return path && !v.message?.startsWith(path) ? `${path}: ${v.message}` : v.message;
      })
      .join('; ');
  }
  return err.message;
}

function isClientGone(req: FastifyRequest, err: Partial<FastifyError>): boolean {
  // (Not `req.raw.destroyed`: a request is destroyed once its body has been read.)
  return (
    req.raw.socket.destroyed ||
    err.code === 'ECONNRESET' ||
    err.code === 'ECONNABORTED' ||
    err.message === 'aborted'
  );
}

/** The answer for `err`, or null when it is a server failure. */
export function clientAnswer(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  const e = err as Partial<FastifyError> | null;
  if (!e || typeof e !== 'object') return null;
  if (e.validation) return new HttpError(400, 'invalid', validationMessage(e as FastifyError));
  // PostgreSQL refuses U+0000 in text (22021, 22P05 in jsonb) where SQLite takes it: what a
  // client sent, so a client error, not a server failure.
  if (e.code === '22021' || e.code === '22P05')
    return new HttpError(400, 'invalid', 'Text may not hold the character U+0000.');
  const known = e.code ? FASTIFY_CLIENT_ERRORS[e.code] : undefined;
  if (known) return new HttpError(...known);
  const status = e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new HttpError(status, CODE_BY_STATUS[status] ?? 'invalid', e.message ?? 'Bad request.');
  return null;
}

export function sendError(reply: FastifyReply, err: HttpError): FastifyReply {
  // After an oversize body the connection is not reused: the rest of the body may still come.
  if (err.status === 413) void reply.header('connection', 'close');
  return reply
    .code(err.status)
    .headers({ 'cache-control': 'no-store', ...err.headers })
    .send({ error: err.code, message: err.message });
}

/** Installs the one error handler, the 404 answer, and the answer to framework-level errors. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isClientGone(req, err)) {
      req.log.debug({ url: req.url, method: req.method, ip: req.ip }, 'client aborted its request');
      // Nobody is left to answer; make sure nothing waits for an answer either.
      reply.raw.destroy();
      return;
    }
    const answer = clientAnswer(err);
    if (answer) {
      req.log.debug(
        { url: req.url, ip: req.ip, code: answer.code, status: answer.status },
        'client error',
      );
      return sendError(reply, answer);
    }
    req.log.error({ err, url: req.url, method: req.method, ip: req.ip }, 'http request failed');
    if (reply.sent) {
      // Half an answer cannot be mended: close it so the client is not left waiting.
      reply.raw.destroy();
      return;
    }
    return sendError(
      reply,
      new HttpError(500, 'internal', 'The server failed; the error is logged.'),
    );
  });

  app.setNotFoundHandler((req, reply) =>
    sendError(
      reply,
      new HttpError(404, 'not_found', `Nothing at ${req.method} ${req.url.split('?')[0]}.`),
    ),
  );
}

/** fastify's `frameworkErrors` option: errors raised before routing (a malformed `%`-escape). */
export function frameworkErrors(
  err: FastifyError,
  _req: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendError(
    reply,
    clientAnswer(err) ?? new HttpError(400, 'invalid', 'The request could not be read.'),
  );
}
