import type { RequestHandler } from 'express';
import { contextOf } from '../http/request-context.js';
import { accessPolicyOf } from './access-policy.js';
import type { Scope } from './scopes.js';

/**
 * The same rule as `@Security('bearer', [scope])`, for a route tsoa does not generate (e.g.
 * GET /metrics with `metrics:read`): open when no keys are configured, else 401/403 problem+json
 * through the error handler.
 * @example app.get('/metrics', requireScope('metrics:read'), metricsHandler)
 */
export function requireScope(scope: Scope): RequestHandler {
  return (req, res, next) => {
    try {
      const caller = accessPolicyOf(req).authorize(req, [scope]);
      if (caller) contextOf(res).caller = caller;
      next();
    } catch (error) {
      next(error);
    }
  };
}
