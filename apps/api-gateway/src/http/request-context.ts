import { randomUUID } from 'node:crypto';
import type { Logger } from '@ecommerce/logging';
import type { RequestHandler, Response } from 'express';
import type { Caller } from '../access/access-policy.js';
import { requestPath } from './request-path.js';

/** What every layer of the gateway knows about the request it serves. */
export interface RequestContext {
  /** Correlation id: the caller's X-Request-Id when acceptable, else a fresh UUID. */
  requestId: string;
  /** Logger whose every line carries `request_id`. */
  logger: Logger;
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
 * First middleware: settles the request id, echoes it on the response, and logs one line per
 * request (method, path, status, duration_ms, request_id, and the API key's id when one
 * authenticated it) when the response is done. No header is logged (Authorization holds secrets).
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = chooseRequestId(req.get(REQUEST_ID_HEADER));
    // The request's child logger is made only if some layer logs (most requests log one line).
    let child: Logger | undefined;
    const context: RequestContext = {
      requestId,
      get logger() {
        return (child ??= logger.child({ request_id: requestId }));
      },
      setHeader: (name, value) => res.setHeader(name, value),
    };
    res.locals['context'] = context;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const path = requestPath(req);
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const duration_ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info(
        { request_id: requestId, method: req.method, path, status: res.statusCode, duration_ms, api_key: context.caller?.id, aborted: !res.writableFinished || undefined },
        'request',
      );
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
