import { Router, type RequestHandler } from 'express';
import type { Registry } from '@ecommerce/telemetry';
import { methodNotAllowed } from '../errors/gateway-problem.js';
import { requestPath } from '../http/request-path.js';

/**
 * GET /metrics: the gateway's metrics in the Prometheus text format (HTTP requests by route
 * template and status, upstream gRPC calls by method and code, process metrics). Another method is
 * 405. Operational, so not in the OpenAPI spec.
 * @param registry the gateway's registry (createMetricsRegistry)
 * @param [guard] runs first, e.g. a check that the caller may read metrics (metrics:read); none: open
 */
export function metricsRoute(registry: Registry, guard?: RequestHandler): Router {
  const router = Router();
  const serve: RequestHandler = (_req, res, next) => {
    registry.metrics().then((text) => {
      res.setHeader('Content-Type', registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      // end(), not send(): send() would add a charset parameter to prom-client's exact media type.
      res.status(200).end(text);
    }, next);
  };
  router.get('/metrics', ...(guard ? [guard] : []), serve);
  router.all('/metrics', (req, _res, next) => next(methodNotAllowed(req.method, requestPath(req), ['GET', 'HEAD'])));
  return router;
}
