import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { assertProblem, httpClient } from '@ecommerce/testing';
import { errorHandler } from '../errors/error-handler.js';
import { requestContext } from '../http/request-context.js';
import { AccessPolicy, provideAccessPolicy } from './access-policy.js';
import { ApiKeyRing } from './api-keys.js';
import { requireScope } from './require-scope.js';

const METRICS = 'metrics_0123456789abcdefghijklmnopqrstuv';
const ORDERS = 'orders_0123456789abcdefghijklmnopqrstuvw';
const KEYS = ApiKeyRing.parse(JSON.stringify([
  { id: 'prometheus', key: METRICS, scopes: ['metrics:read'] },
  { id: 'shop', key: ORDERS, scopes: ['orders:read'] },
]), 'test keys');

/** A route outside tsoa, as GET /metrics is, guarded the same way. */
async function withMetricsRoute(keys: ApiKeyRing | undefined, run: (api: ReturnType<typeof httpClient>) => Promise<void>): Promise<void> {
  const app = express();
  provideAccessPolicy(app, new AccessPolicy(keys));
  app.use(requestContext(pino({ level: 'silent' })));
  app.get('/metrics', requireScope('metrics:read'), (_req, res) => void res.type('text/plain').send('up 1\n'));
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('requireScope: with keys, 401 without one, 403 without the scope, the route with it', async () => {
  await withMetricsRoute(KEYS, async (api) => {
    const missing = await api.get('/metrics');
    assertProblem(missing, { status: 401, type: 'api-key-missing', instance: '/metrics' });
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="ecommerce"');
    assertProblem(await api.get('/metrics', { headers: { authorization: `Bearer ${ORDERS}` } }), { status: 403, type: 'insufficient-scope' });
    const allowed = await api.get('/metrics', { headers: { authorization: `Bearer ${METRICS}` } });
    assert.deepEqual([allowed.status, allowed.body], [200, 'up 1\n']);
  });
});

test('requireScope: open when no keys are configured', async () => {
  await withMetricsRoute(undefined, async (api) => assert.equal((await api.get('/metrics')).status, 200));
});
