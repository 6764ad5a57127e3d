import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { HttpMetrics, createMetricsRegistry } from '@ecommerce/telemetry';
import { GatewayProblem } from '../errors/gateway-problem.js';
import { metricsRoute } from './metrics-route.js';

test('GET /metrics answers the registry\'s text after the guard; a refusing guard stops it; POST is 405', async () => {
  const registry = createMetricsRegistry();
  new HttpMetrics(registry).observe('GET', '/products', 200, 0.01);
  const app = express();
  app.use(metricsRoute(registry, (req, res, next) => (req.get('x-key') === 'reader' ? next() : void res.status(403).end())));
  const problems: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(error instanceof GatewayProblem && error.reason === 'METHOD_NOT_ALLOWED' ? 405 : 500).end();
  };
  app.use(problems);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  try {
    const allowed = await fetch(url, { headers: { 'x-key': 'reader' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('content-type'), registry.contentType);
    assert.match(await allowed.text(), /^http_server_request_duration_seconds_count\{method="GET",route="\/products",status_code="200"\} 1$/m);
    assert.equal((await fetch(url)).status, 403);
    assert.equal((await fetch(url, { method: 'POST', headers: { 'x-key': 'reader' } })).status, 405);
  } finally {
    server.close();
  }
});
