import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * The path a request targets, alone: no query, no scheme or host even when the request line used
 * the absolute form (`GET http://host/path`). What problems name in `instance` and logs in `path`.
 */
export function requestPath(req: Pick<IncomingMessage, 'url'> & { originalUrl?: string }): string {
  const target = req.originalUrl ?? req.url ?? '/';
  try {
    return new URL(target, 'http://gateway.invalid').pathname;
  } catch {
    return '/';
  }
}

/**
 * First middleware: a request whose target is in absolute form (`GET http://host/path?q`, which
 * HTTP/1.1 servers must accept) is routed by its path and query, like the usual origin form.
 */
export const originForm: RequestHandler = (req, _res, next) => {
  if (!req.url.startsWith('/')) {
    try {
      const url = new URL(req.url);
      req.url = url.pathname + url.search;
    } catch {
      // Not a URL at all: left as it is, and no route matches it.
    }
  }
  next();
};
