import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@ecommerce/testing';
import { assertProblem } from './assert-problem.js';
import { HEADPHONES, client } from './http-client.js';
import { startPlatform, type Platform } from './platform.js';

/** Waits until `predicate` holds for some log line (logs arrive asynchronously from the child). */
async function logLine(logs: Record<string, unknown>[], predicate: (line: Record<string, unknown>) => boolean) {
  for (let i = 0; i < 50; i += 1) {
    const line = logs.find(predicate);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('no matching log line');
}

describe('the gateway at the HTTP edge (real processes)', { timeout: 120_000 }, () => {
  let platform: Platform;
  let api: ReturnType<typeof client>;

  before(async () => {
    platform = await startPlatform();
    api = client(platform.baseUrl);
  });
  after(() => platform?.stop());

  test('malformed JSON is 400 malformed-json', async () => {
    assertProblem(await api.call('POST', '/products', { raw: '{"name": "x",' }), {
      status: 400, type: 'malformed-json', reason: 'MALFORMED_JSON', instance: '/products',
    });
  });

  test('a path that does not decode is 400 malformed-request, not 500', async () => {
    assertProblem(await api.get('/products/%zz'), { status: 400, type: 'malformed-request', reason: 'MALFORMED_REQUEST' });
  });

  test('a body over 1 MB is 413 payload-too-large', async () => {
    const big = JSON.stringify({ ...HEADPHONES, description: 'x'.repeat(1024 * 1024) });
    assertProblem(await api.call('POST', '/orders', { raw: big }), { status: 413, type: 'payload-too-large', reason: 'PAYLOAD_TOO_LARGE' });
  });

  test('unknown routes and methods are 404 route-not-found', async () => {
    assertProblem(await api.get('/nope?x=1'), { status: 404, type: 'route-not-found', reason: 'ROUTE_NOT_FOUND', instance: '/nope' });
    assertProblem(await api.call('DELETE', '/products'), { status: 404, type: 'route-not-found' });
  });

  test('X-Request-Id is echoed, carried to the services, and on the access log line', async () => {
    const requestId = 'edge-test-0001';
    const created = await api.post('/products', HEADPHONES, { headers: { 'X-Request-Id': requestId } });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('x-request-id'), requestId);
    const rpc = await logLine(platform.products.logs, (l) => l['request_id'] === requestId);
    assert.equal(rpc['method'], 'createProduct');
    const access = await logLine(platform.gateway.logs, (l) => l['request_id'] === requestId && l['msg'] === 'request');
    assert.deepEqual(
      { method: access['method'], path: access['path'], status: access['status'] },
      { method: 'POST', path: '/products', status: 201 },
    );
    assert.equal(typeof access['duration_ms'], 'number');
  });

  test('an unacceptable X-Request-Id is replaced by a generated one', async () => {
    for (const bad of ['x'.repeat(129), 'has space', 'tab\there']) {
      const response = await api.get('/healthz', { headers: { 'X-Request-Id': bad } });
      const echoed = response.headers.get('x-request-id') ?? '';
      assert.notEqual(echoed, bad);
      assert.match(echoed, /^[0-9a-f-]{36}$/);
    }
    const accepted = 'A'.repeat(128);
    assert.equal((await api.get('/healthz', { headers: { 'X-Request-Id': accepted } })).headers.get('x-request-id'), accepted);
  });

  test('problem bodies carry the request id', async () => {
    const problem = await api.get('/products/not-a-uuid', { headers: { 'X-Request-Id': 'edge-test-0002' } });
    assert.equal(problem.body['request_id'], 'edge-test-0002');
  });

  test('health probes: /healthz, /readyz and the original /health', async () => {
    const live = await api.get('/healthz');
    assert.deepEqual([live.status, live.body], [200, { status: 'ok' }]);
    const ready = await api.get('/readyz');
    assert.deepEqual([ready.status, ready.body], [200, {
      status: 'ready', services: { 'product-service': 'SERVING', 'order-service': 'SERVING' },
    }]);
    const health = await api.get('/health');
    assert.deepEqual([health.status, health.body], [200, { status: 'healthy', service: 'api-gateway' }]);
  });

  test('GET /openapi.json serves the committed spec; /docs serves Swagger UI against it', async () => {
    const committed = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/api-gateway/openapi.json'), 'utf8'));
    const served = await api.get('/openapi.json');
    assert.equal(served.status, 200);
    assert.deepEqual(served.body, committed);
    assert.deepEqual(committed.servers, [{ url: '/' }]);

    const redirect = await fetch(`${platform.baseUrl}/docs`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/docs/');
    const page = await api.get('/docs/');
    assert.equal(page.status, 200);
    assert.match(String(page.body), /swagger-ui/);
    const init = await api.get('/docs/swagger-ui-init.js');
    assert.match(String(init.body), /"url": "\/"/);
  });

  // Last: stops the gateway.
  test('SIGTERM stops the gateway gracefully with exit code 0', async () => {
    assert.equal(await platform.gateway.stop('SIGTERM'), 0);
    await logLine(platform.gateway.logs, (l) => l['msg'] === 'stopped');
  });
});
