import cors from 'cors';
import type { RequestHandler } from 'express';

/** Origins a browser app may call the API from: a list of exact origins, or any ('*', only when asked). */
export type CorsOrigins = '*' | readonly string[];

/** Request headers a cross-origin caller may send (the SDK sends all but the conditional ones on every call). */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key', 'If-Match', 'If-None-Match'];

/** Response headers a cross-origin caller may read. */
export const CORS_EXPOSED_HEADERS = [
  'ETag', 'Location', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed', 'RateLimit', 'RateLimit-Policy', 'WWW-Authenticate',
];

/** How long a browser may cache a preflight's answer, in seconds (Chromium keeps at most 7200). */
export const CORS_MAX_AGE_S = 600;

/**
 * CORS with the `cors` package: preflights (OPTIONS with Access-Control-Request-Method) are answered
 * 204 here, before rate limiting and authentication; an origin that is not listed gets no
 * Access-Control-Allow-Origin, so the browser keeps the answer from it. No credentials (cookies):
 * API keys travel in Authorization.
 */
export function corsPolicy(origins: CorsOrigins): RequestHandler {
  return cors({
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_S,
    optionsSuccessStatus: 204,
  });
}

/**
 * CORS_ORIGINS: unset = no CORS (same-origin only), `*` = any origin, else a comma-separated list
 * of origins such as `https://shop.example.com,http://localhost:5173` (scheme, host, optional port;
 * no path). Throws naming the variable and the bad entry.
 */
export function parseCorsOrigins(raw: string | undefined, name = 'CORS_ORIGINS'): CorsOrigins | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (raw.trim() === '*') return '*';
  return raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '').map((entry) => {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== entry || !/^https?:/.test(entry)) {
      throw new Error(`${name} must be * or a comma-separated list of origins like https://shop.example.com (no path, no trailing slash), got "${entry}"`);
    }
    return origin;
  });
}
