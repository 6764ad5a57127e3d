import { Router, type RequestHandler } from 'express';
import swaggerUi from 'swagger-ui-express';
import spec from '../gen/openapi.json';
import { methodNotAllowed, routeNotFound } from '../errors/gateway-problem.js';
import { requestPath } from './request-path.js';

/** The files Swagger UI's page loads, relative to /docs/; nothing else under /docs/ is served. */
const ASSETS = new Set([
  'swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'swagger-ui-init.js', 'favicon-32x32.png', 'favicon-16x16.png',
]);

/**
 * GET /openapi.json (the generated spec, identical to the committed one while the spec test
 * passes; inlined into the bundle at build time so a container
 * holding only dist/ serves it too) and Swagger UI at /docs. The spec's server is relative ("/"),
 * so "Try it out" calls whichever gateway served the page. Under /docs/ only the page and its own
 * assets are served (GET and HEAD): swagger-ui-dist's other files, and any other path, are 404.
 */
export function apiDocs(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  // Swagger UI's page loads its assets relative to itself: /docs must become /docs/.
  router.get('/docs', (req, res, next) => {
    if (req.originalUrl.split('?')[0] === '/docs') res.redirect(301, '/docs/');
    else next();
  });
  const onlyAssets: RequestHandler = (req, _res, next) => {
    const name = req.path.slice(1);
    if (name !== '' && !ASSETS.has(name)) next(routeNotFound(req.method, requestPath(req)));
    else if (req.method !== 'GET' && req.method !== 'HEAD') next(methodNotAllowed(req.method, requestPath(req), ['GET', 'HEAD']));
    else next();
  };
  router.use('/docs', onlyAssets, swaggerUi.serveFiles(spec), swaggerUi.setup(spec, {
    customSiteTitle: 'Ecommerce API',
    // No validator badge: it would load an image from another origin, which the CSP refuses.
    swaggerOptions: { displayRequestDuration: true, validatorUrl: null },
  }));
  return router;
}
