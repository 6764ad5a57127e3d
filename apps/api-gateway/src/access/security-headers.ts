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

function headers(directives: Record<string, string[]>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
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
  return (req, res, next) => (/^\/docs(\/|$)/.test(requestPath(req)) ? docs : api)(req, res, next);
}
