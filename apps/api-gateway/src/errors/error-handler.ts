import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isReplayed } from '@ecommerce/grpc-kit';
import { edgeFieldErrors } from '../http/edge-field-checks.js';
import { REPLAYED_HEADER } from '../http/idempotency-key.js';
import { contextOf } from '../http/request-context.js';
import { routeNotFound } from './gateway-problem.js';
import { PROBLEM_CONTENT_TYPE } from './problem-catalog.js';
import { isServiceError, toProblem } from './problem-mapper.js';

/** After every route: whatever reaches here matched no route. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(routeNotFound(req.method, req.originalUrl.split('?')[0] ?? '/'));
};

/**
 * The gateway's single error handler, registered after the routes: every failure leaves as
 * application/problem+json. Server-side failures are logged with their cause; the client only
 * sees the problem.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const context = contextOf(res);
  const problem = toProblem(error, {
    instance: req.originalUrl.split('?')[0] ?? '/',
    requestId: context.requestId,
    edgeErrors: edgeFieldErrors(req),
  });
  if (problem.status >= 500) {
    const cause = isServiceError(error)
      ? { upstream_code: problem.code, upstream_message: error.details }
      : { err: error };
    const level = problem.status === 503 || problem.status === 504 ? 'warn' : 'error';
    context.logger[level]({ ...cause, status: problem.status, type: problem.type }, 'request failed');
  }
  if (isServiceError(error) && isReplayed(error.metadata)) res.setHeader(REPLAYED_HEADER, 'true');
  // The first request with this key is still running: its outcome is worth asking for shortly.
  if (problem.reason === 'IDEMPOTENCY_KEY_IN_USE') res.setHeader('Retry-After', '1');
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
};
