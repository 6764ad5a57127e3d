import { randomUUID } from 'node:crypto';
import type { Logger } from '@ecommerce/logging';
import {
  TRACEPARENT, idOnlyTracer, parseTraceparent, traceLogFields, type HttpMetrics, type TraceContext, type Tracer,
} from '@ecommerce/telemetry';
import type { RequestHandler, Response } from 'express';
import type { Caller } from '../access/access-policy.js';
import { requestPath } from './request-path.js';
import { routeLabel } from './route-table.js';

/** What every layer of the gateway knows about the request it serves. */
export interface RequestContext {
  /** Correlation id: the caller's X-Request-Id when acceptable, else a fresh UUID. */
  requestId: string;
  /** Logger whose every line carries `request_id`, `trace_id` and `span_id`. */
  logger: Logger;
  /**
   * The request's span: a child of the caller's `traceparent` when it is valid, else the root of
   * a new trace (an invalid one is ignored, never an error). Upstream calls carry it.
   */
  trace: TraceContext;
  /** Sets a response header from any layer (e.g. Idempotent-Replayed, known once the service answered). */
  setHeader(name: string, value: string): void;
  /**
   * The API key that authenticated the request (id and scopes, never the secret); set by the
   * authentication step of a protected operation, absent on public ones and in open mode.
   */
  caller?: Caller | undefined;
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Printable ASCII without spaces, at most 128 characters: safe to echo, log and forward. */
const ACCEPTABLE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The caller's id when acceptable; otherwise (absent, too long, control characters) a new UUID. */
export function chooseRequestId(incoming: string | undefined): string {
  return incoming !== undefined && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * First middleware: settles the request id and the trace, echoes the request id on the response,
 * and when the response is done logs one line per request (method, path, status, duration_ms,
 * request_id, trace_id, span_id, and the API key's id when one authenticated it), observes its
 * duration by route template and ends its span. No header is logged (Authorization holds secrets).
 * @param [telemetry.tracer=idOnlyTracer]
 * @param [telemetry.metrics] http_server_request_duration_seconds; none when absent
 */
export function requestContext(logger: Logger, telemetry: { tracer?: Tracer | undefined; metrics?: HttpMetrics | undefined } = {}): RequestHandler {
  const tracer = telemetry.tracer ?? idOnlyTracer;
  const { metrics } = telemetry;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = chooseRequestId(req.get(REQUEST_ID_HEADER));
    const path = requestPath(req);
    const route = routeLabel(path);
    const span = tracer.startSpan(`${req.method} ${route}`, 'server', parseTraceparent(req.get(TRACEPARENT)), tracer.exporting
      ? { 'http.request.method': req.method, 'http.route': route, 'url.path': path }
      : undefined);
    const traceFields = traceLogFields(span.context);
    // The request's child logger is made only if some layer logs (most requests log one line).
    let child: Logger | undefined;
    const context: RequestContext = {
      requestId,
      trace: span.context,
      get logger() {
        return (child ??= logger.child({ request_id: requestId, ...traceFields }));
      },
      setHeader: (name, value) => res.setHeader(name, value),
    };
    res.locals['context'] = context;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const duration_ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { request_id: requestId, ...traceFields, method: req.method, path, status: res.statusCode, duration_ms, api_key: context.caller?.id, aborted: !res.writableFinished || undefined },
        'request',
      );
      metrics?.observe(req.method, route, res.statusCode, duration_ms / 1000);
      span.end({ error: res.statusCode >= 500, attributes: { 'http.response.status_code': res.statusCode } });
    };
    res.once('finish', log);
    res.once('close', log);
    next();
  };
}

/** The context set by `requestContext`, which app.ts registers before everything else. */
export function contextOf(res: Response): RequestContext {
  const context = res.locals['context'] as RequestContext | undefined;
  if (!context) throw new Error('requestContext middleware did not run');
  return context;
}
