import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Logger } from '@ecommerce/logging';
import { GatewayProblem } from '../errors/gateway-problem.js';
import { requestPath } from '../http/request-path.js';
import type { AccessPolicy } from './access-policy.js';
import { UNLIMITED_PATHS } from './unlimited-paths.js';

/** RATE_LIMIT_* settings (README, "Access"); no limit at all when RATE_LIMIT_MAX is unset. */
export interface RateLimitSettings {
  /** Requests a client may make per window (RATE_LIMIT_MAX). */
  max: number;
  /** The window, in ms (RATE_LIMIT_WINDOW_MS). @default 60000 */
  windowMs: number;
  /** Redis shared by every gateway replica (RATE_LIMIT_REDIS_URL); each gateway counts alone when unset. */
  redisUrl?: string | undefined;
  /** Prefix of the counters' Redis keys (RATE_LIMIT_REDIS_PREFIX). @default "ecommerce:rate-limit:" */
  redisPrefix: string;
}

/**
 * express-rate-limit 8, fixed window: each client gets `max` requests per window, counted per API
 * key when the request presents a valid one, else per client address (IPv6 by /56, the library's
 * default). Over the limit: 429 RATE_LIMITED problem+json through the error handler, with
 * Retry-After; every counted response carries the IETF RateLimit and RateLimit-Policy headers
 * (draft 8). `store` is the shared Redis store when there is one (in-process memory otherwise).
 * A store that fails lets requests through, logged: an outage of Redis is not an outage of the API.
 */
export function rateLimiter(settings: RateLimitSettings, policy: AccessPolicy, logger: Logger, store?: Store): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(store && { store }),
    passOnStoreError: true,
    logger,
    skip: (req) => UNLIMITED_PATHS.has(requestPath(req)),
    keyGenerator: (req) => {
      const key = policy.identify(req);
      return key ? `key:${key.id}` : `address:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (req, _res, next) => {
      const info = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit;
      const retryS = info?.resetTime ? Math.max(0, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(settings.windowMs / 1000);
      next(new GatewayProblem('RATE_LIMITED', `More than ${settings.max} requests in ${settings.windowMs / 1000} s; retry in ${retryS} s.`));
    },
  });
}
