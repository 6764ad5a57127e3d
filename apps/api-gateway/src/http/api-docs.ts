import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import spec from '../gen/openapi.json';

/**
 * GET /openapi.json (the generated spec, identical to the committed one while the spec test
 * passes; inlined into the bundle at build time so a container
 * holding only dist/ serves it too) and Swagger UI at /docs. The spec's server is relative ("/"),
 * so "Try it out" calls whichever gateway served the page.
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
  router.use('/docs', swaggerUi.serveFiles(spec), swaggerUi.setup(spec, {
    customSiteTitle: 'Ecommerce API',
    swaggerOptions: { displayRequestDuration: true },
  }));
  return router;
}
