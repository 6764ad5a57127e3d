import express, { type Express } from 'express';
import type { Store } from 'express-rate-limit';
import type { Logger } from '@ecommerce/logging';
import { AccessPolicy, provideAccessPolicy } from './access/access-policy.js';
import type { ApiKeyRing } from './access/api-keys.js';
import { corsPolicy, type CorsOrigins } from './access/cors-policy.js';
import { rateLimiter, type RateLimitSettings } from './access/rate-limit.js';
import { requireScope } from './access/require-scope.js';
import { securityHeaders } from './access/security-headers.js';
import { errorHandler, notFoundHandler } from './errors/error-handler.js';
import { RegisterRoutes } from './gen/routes.js';
import { HealthController } from './health/health-controller.js';
import { ReadinessCheck } from './health/readiness.js';
import { apiDocs } from './http/api-docs.js';
import { jsonBody } from './http/json-body.js';
import { originForm } from './http/request-path.js';
import { requestContext } from './http/request-context.js';
import { provideControllers, type ControllerClass, type ControllerFactory } from './ioc.js';
import { OrderApi } from './orders/order-api.js';
import { OrdersController } from './orders/orders-controller.js';
import { ProductApi } from './products/product-api.js';
import type { CachePeers } from './products/cache-invalidation.js';
import { ProductCache, type ProductCacheSettings } from './products/product-cache.js';
import { ProductsController } from './products/products-controller.js';
import type { GatewayTelemetry } from './telemetry/gateway-telemetry.js';
import { metricsRoute } from './telemetry/metrics-route.js';
import type { Upstreams } from './upstream/upstreams.js';

/** Largest accepted JSON body; larger is 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const READINESS = 'readiness';

/** A draining stop has begun: /readyz and /health answer 503 from now on (the server keeps serving). */
export function markDraining(app: Express): void {
  (app.locals[READINESS] as ReadinessCheck).markDraining();
}

/** What the REST API is built from; main.ts wires the real ones, tests may point them at stubs. */
export interface AppDependencies {
  upstreams: Pick<Upstreams, 'products' | 'orders'>;
  logger: Logger;
  /** Deadline of every upstream call. */
  grpcTimeoutMs: number;
  /** The product read cache; off when absent. */
  productCache?: ProductCacheSettings;
  /** The other gateways' product caches (Redis pub/sub); none when one gateway runs. */
  productCachePeers?: CachePeers | undefined;
  /** Tracing and metrics; without it, ids only for traceparent and logs, and no GET /metrics. */
  telemetry?: GatewayTelemetry | undefined;
  /** API keys, rate limits and CORS; each is off when absent (open mode, no limit, same-origin only). */
  access?: AccessDependencies | undefined;
}

/** What app.ts needs of the access settings (access/access-settings.ts), plus the shared counters. */
export interface AccessDependencies {
  apiKeys?: ApiKeyRing | undefined;
  rateLimit?: RateLimitSettings | undefined;
  /** The rate limiter's shared store (Redis); each app counts in its own memory when absent. */
  rateLimitStore?: Store | undefined;
  corsOrigins?: CorsOrigins | undefined;
}

/**
 * The gateway's express app: request id, trace and access log first, then security headers, CORS
 * (a preflight ends there) and the rate limit, then the routes (tsoa's, whose protected operations
 * check the API key first; the health probes, the spec and Swagger UI, /metrics with metrics:read),
 * then unknown routes, then the one error handler.
 */
export function createApp(deps: AppDependencies): Express {
  const { upstreams, logger, grpcTimeoutMs, telemetry, access = {} } = deps;
  const policy = new AccessPolicy(access.apiKeys);
  const cache = new ProductCache(deps.productCache ?? { ttlMs: 0, maxEntries: 0 }, deps.productCachePeers);
  const products = new ProductApi(upstreams.products.client, grpcTimeoutMs, cache);
  const orders = new OrderApi(upstreams.orders.client, grpcTimeoutMs);
  const readiness = new ReadinessCheck(upstreams, grpcTimeoutMs);

  const app = express();
  app.locals[READINESS] = readiness;
  app.disable('x-powered-by');
  // Express's automatic weak ETag means nothing here; ETag/If-Match is reserved for product versions.
  app.disable('etag');
  provideControllers(app, new Map<ControllerClass, ControllerFactory>([
    [ProductsController, (context) => new ProductsController(products, context)],
    [OrdersController, (context) => new OrdersController(orders, context)],
    [HealthController, () => new HealthController(readiness)],
  ]));

  provideAccessPolicy(app, policy);

  app.use(originForm);
  app.use(requestContext(logger, { tracer: telemetry?.tracer, metrics: telemetry?.http }));
  app.use(securityHeaders());
  if (access.corsOrigins) app.use(corsPolicy(access.corsOrigins));
  if (access.rateLimit) app.use(rateLimiter(access.rateLimit, policy, logger, access.rateLimitStore));
  app.use(jsonBody(BODY_LIMIT_BYTES));
  // The API's routes first: the requests that matter most pass the fewest layers.
  RegisterRoutes(app);
  app.get('/', (_req, res) => {
    res.json({ service: 'api-gateway', docs: '/docs', openapi: '/openapi.json' });
  });
  app.use(apiDocs());
  if (telemetry) app.use(metricsRoute(telemetry.registry, requireScope('metrics:read')));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
