/**
 * `GET /healthz` and `GET /metrics`, for the operator's monitoring. What they say comes from the
 * caller (`OpsDeps`), so the metrics can change (prom-client, issue 8 section 4) without this
 * plugin changing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { HttpError } from './errors.js';

export interface OpsDeps {
  /** What `/healthz` says besides `status: "ok"`. */
  health: () => Record<string, unknown>;
  /** The body of `/metrics` (Prometheus text format). */
  metricsText: () => Promise<string> | string;
  /** Its content type, e.g. `text/plain; version=0.0.4; charset=utf-8`. */
  metricsContentType: string;
  /**
   * Who may read `/metrics`, given the client address fastify settled on (with `trustProxy`,
   * the client behind the proxy); default: anyone.
   */
  mayReadMetrics?: (
    ip: string,
    headers: IncomingHttpHeaders,
  ) => { allowed: true } | { allowed: false; status: number; message: string };
}

export const opsRoutes: FastifyPluginCallbackZod<{ deps: OpsDeps }> = (app, { deps }, done) => {
  app.get('/healthz', async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok', ...deps.health() }),
  );
  app.get('/metrics', async (req, reply) => {
    const access = deps.mayReadMetrics?.(req.ip, req.headers) ?? { allowed: true };
    if (!access.allowed) throw new HttpError(access.status, 'forbidden', access.message);
    const text = await deps.metricsText();
    return reply.header('cache-control', 'no-store').type(deps.metricsContentType).send(text);
  });
  done();
};
