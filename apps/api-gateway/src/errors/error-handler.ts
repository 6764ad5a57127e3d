import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isReplayed } from '@ecommerce/grpc-kit';
import { edgeFieldErrors } from '../http/edge-field-checks.js';
import { REPLAYED_HEADER } from '../http/idempotency-key.js';
import { contextOf } from '../http/request-context.js';
import { requestPath } from '../http/request-path.js';
import { routeFor, unknownBodyFields } from '../http/route-table.js';
import { GatewayProblem, methodNotAllowed, routeNotFound } from './gateway-problem.js';
import { PROBLEM_CONTENT_TYPE } from './problem-catalog.js';
import { isServiceError, toProblem } from './problem-mapper.js';

/** Seconds a client should wait before retrying a 503 (the SDK honours it). */
export const RETRY_AFTER_UNAVAILABLE_S = 1;

/** After every route: a known path with another method is 405 (with Allow); anything else 404. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  const path = requestPath(req);
  const route = routeFor(path);
  next(route && !route.methods.includes(req.method) ? methodNotAllowed(req.method, path, route.methods) : routeNotFound(req.method, path));
};

/** How long a connection closed after an answer keeps discarding what the client still sends. */
const CLOSE_LINGER_MS = 2000;

/**
 * Answers with Connection: close, then closes the connection without reading the rest of the body.
 * A lingering close: the answer and a FIN go out, what still arrives is discarded for up to
 * CLOSE_LINGER_MS, then the socket goes. Destroying it at once, with the client's bytes unread,
 * sends a reset that can make the client lose the answer it was about to read.
 */
function closeAfter(res: Parameters<ErrorRequestHandler>[2]): void {
  res.setHeader('Connection', 'close');
  const socket = res.socket;
  if (!socket) return;
  // Node's HTTP server ends a `Connection: close` exchange with socket.destroySoon(): a destroy as
  // soon as the FIN is out. Here it only ends, and the destroy waits.
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_LINGER_MS).unref();
  };
}

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
    instance: requestPath(req),
    requestId: context.requestId,
    edgeErrors: edgeFieldErrors(req),
    unknownFields: unknownBodyFields(req.method, requestPath(req), req.body),
  });
  if (problem.status >= 500) {
    const cause = isServiceError(error)
      ? { upstream_code: problem.code, upstream_message: error.details }
      : { err: error };
    const level = problem.status === 503 || problem.status === 504 ? 'warn' : 'error';
    context.logger[level]({ ...cause, status: problem.status, type: problem.type }, 'request failed');
  }
  if (isServiceError(error) && isReplayed(error.metadata)) res.setHeader(REPLAYED_HEADER, 'true');
  if (error instanceof GatewayProblem) for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  // The first request with this key is still running, or a service is down for now: worth asking again shortly.
  if (problem.reason === 'IDEMPOTENCY_KEY_IN_USE' || problem.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_UNAVAILABLE_S));
  // A body not read to its end (too large, the wrong type) is not read at all: the connection goes.
  if (!req.complete) closeAfter(res);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
};
