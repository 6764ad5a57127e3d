import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { requestPath } from '../http/request-path.js';

/** The API answers JSON only: nothing it sends may load anything, or be framed. */
const API_CSP = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

/**
 * Swagger UI (/docs) loads its own scripts and styles from /docs/, uses inline styles and data:
 * images, and "Try it out" calls this same gateway (connect-src 'self'). No inline script and no
 * other origin: the page's setup is its own file, swagger-ui-init.js, and the validator badge is off.
 * No upgrade-insecure-requests: the gateway itself speaks plain HTTP on loopback.
 */
const DOCS_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

type Header = [name: string, value: string | number | readonly string[]];

/**
 * The headers helmet sets under `directives`, worked out once. With this configuration helmet's
 * output depends on nothing in the request (no nonces, no per-request functions), so running its
 * chain of middlewares on every request (7 % of the gateway's CPU for a product read, measured)
 * would compute the same list each time; each response is given the list instead.
 */
function headers(directives: Record<string, string[]>): Header[] {
  const set: Header[] = [];
  const recorder = {
    setHeader: (name: string, value: Header[1]) => void set.push([name, value]),
    removeHeader: () => undefined,
  };
  let done = false;
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  })({} as never, recorder as never, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be worked out once');
  return set;
}

/**
 * Security headers on every response (helmet 8): Content-Security-Policy (strict for the API, one
 * Swagger UI works under for /docs), X-Content-Type-Options: nosniff, X-Frame-Options: DENY and
 * frame-ancestors 'none', Referrer-Policy: no-referrer, Strict-Transport-Security (heeded only over
 * HTTPS), Cross-Origin-Opener-Policy and Cross-Origin-Resource-Policy: same-origin (CORS reads are
 * governed by CORS_ORIGINS instead), X-DNS-Prefetch-Control, X-Download-Options,
 * X-Permitted-Cross-Domain-Policies, Origin-Agent-Cluster.
 */
export function securityHeaders(): RequestHandler {
  const api = headers(API_CSP);
  const docs = headers(DOCS_CSP);
  return (req, res, next) => {
    for (const [name, value] of /^\/docs(\/|$)/.test(requestPath(req)) ? docs : api) res.setHeader(name, value);
    next();
  };
}
