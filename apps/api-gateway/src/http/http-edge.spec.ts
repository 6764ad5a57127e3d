import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { WORKSPACE_ROOT, assertProblem, waitFor } from '@ecommerce/testing';
import { HEADPHONES, startTestGateway, type TestGateway } from '../../test/gateway.js';
import { rawHttp } from '../../test/raw-http.js';
import { startStubProductService, stubProduct, type StubProductService } from '../../test/stub-upstreams.js';

// The gateway's HTTP edge, in process, in front of a stub upstream: unreadable requests, unknown
// routes, request ids and the access log, health probes, the spec and Swagger UI.
describe('the gateway at the HTTP edge', () => {
  let stub: StubProductService;
  let gateway: TestGateway;
  const product = '550e8400-e29b-41d4-a716-446655440000';
  const unavailable = '550e8400-e29b-41d4-a716-44665544dead';

  before(async () => {
    stub = await startStubProductService({
      [product]: { product: stubProduct(product) },
      [unavailable]: { fail: status.UNAVAILABLE, message: 'connect ECONNREFUSED', bare: true },
    });
    gateway = await startTestGateway({ productServiceAddr: stub.address, orderServiceAddr: stub.address });
  });
  after(async () => {
    await gateway?.stop();
    await stub?.stop();
  });

  test('malformed JSON is 400 malformed-json', async () => {
    assertProblem(await gateway.api.call('POST', '/products', { raw: '{"name": "x",' }), {
      status: 400, type: 'malformed-json', reason: 'MALFORMED_JSON', instance: '/products',
    });
  });

  test('a 503 says when to retry: Retry-After', async () => {
    const response = await gateway.api.get(`/products/${unavailable}`);
    assertProblem(response, { status: 503, type: 'unavailable', code: 'UNAVAILABLE' });
    assert.equal(response.headers.get('retry-after'), '1');
  });

  test('a path that does not decode is 400 malformed-request, not 500', async () => {
    assertProblem(await gateway.api.get('/products/%zz'), { status: 400, type: 'malformed-request', reason: 'MALFORMED_REQUEST' });
  });

  test('a body over 1 MB is 413 payload-too-large', async () => {
    const big = JSON.stringify({ ...HEADPHONES, description: 'x'.repeat(1024 * 1024) });
    assertProblem(await gateway.api.call('POST', '/orders', { raw: big }), { status: 413, type: 'payload-too-large', reason: 'PAYLOAD_TOO_LARGE' });
  });

  test('unknown routes are 404 route-not-found', async () => {
    assertProblem(await gateway.api.get('/nope?x=1'), { status: 404, type: 'route-not-found', reason: 'ROUTE_NOT_FOUND', instance: '/nope' });
    assertProblem(await gateway.api.get('/products/a/b'), { status: 404, type: 'route-not-found' });
  });

  test('a known path with a method it does not take is 405 method-not-allowed with Allow', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/products', 'GET, HEAD, POST'],
      ['PUT', `/products/${product}`, 'DELETE, GET, HEAD, PATCH'],
      ['POST', `/products/${product}/stock`, 'GET, HEAD, PUT'],
      ['GET', `/orders/${product}/cancel`, 'POST'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['DELETE', '/openapi.json', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await gateway.api.call(method, path);
      assertProblem(response, { status: 405, type: 'method-not-allowed', reason: 'METHOD_NOT_ALLOWED', instance: path });
      assert.equal(response.headers.get('allow'), allow, `${method} ${path}`);
    }
  });

  test('/docs/ serves Swagger UI\'s own assets and nothing else: other paths 404, other methods 405', async () => {
    for (const path of ['/docs/package.json', '/docs/nope', '/docs/x/y/package.json', '/docs/README.md', '/docs/absolute-path.js']) {
      assertProblem(await gateway.api.get(path), { status: 404, type: 'route-not-found', instance: path });
    }
    for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-ui-init.js']) {
      assert.equal((await gateway.api.get(asset)).status, 200, asset);
    }
    const posted = await gateway.api.call('POST', '/docs/', { raw: '{}' });
    assertProblem(posted, { status: 405, type: 'method-not-allowed' });
    assert.equal(posted.headers.get('allow'), 'GET, HEAD');
  });

  test('a problem\'s instance is the path alone, whatever form the request target took', async () => {
    const response = await rawHttp(gateway.baseUrl, `GET http://evil.example/products/not-a-uuid?x=1 HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`);
    assert.equal(response.status, 404, 'routed by its path: the stub knows no such product');
    assert.equal(JSON.parse(response.body).instance, '/products/not-a-uuid');
  });

  test('a JSON body in another charset on an operation without a body is ignored (no undeclared 415)', async () => {
    const response = await rawHttp(gateway.baseUrl, `GET /products/${product} HTTP/1.1\r\nHost: x\r\n`
      + 'Content-Type: application/json; charset=latin1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
    assert.equal(response.status, 200);
    const wrongType = await gateway.api.call('POST', '/products', { raw: 'name=x', headers: { 'content-type': 'text/plain' } });
    assertProblem(wrongType, { status: 415, type: 'unsupported-media-type', reason: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  test('X-Request-Id is echoed, carried to the service, in problem bodies and on the access log line', async () => {
    const requestId = 'edge-test-0001';
    const fetched = await gateway.api.get(`/products/${product}`, { headers: { 'X-Request-Id': requestId } });
    assert.equal(fetched.status, 200);
    assert.equal(fetched.headers.get('x-request-id'), requestId);
    assert.equal(stub.calls.findLast((call) => call.id === product)?.requestId, requestId);
    const access = await waitFor(() => gateway.logs.find((l) => l['request_id'] === requestId && l['msg'] === 'request'));
    assert.deepEqual([access['method'], access['path'], access['status']], ['GET', `/products/${product}`, 200]);
    assert.equal(typeof access['duration_ms'], 'number');
    const problem = await gateway.api.get('/products/not-a-uuid', { headers: { 'X-Request-Id': 'edge-test-0002' } });
    assert.equal(problem.body['request_id'], 'edge-test-0002');
  });

  test('an unacceptable X-Request-Id is replaced by a generated one', async () => {
    for (const bad of ['x'.repeat(129), 'has space', 'tab\there']) {
      const echoed = (await gateway.api.get('/healthz', { headers: { 'X-Request-Id': bad } })).headers.get('x-request-id') ?? '';
      assert.notEqual(echoed, bad);
      assert.match(echoed, /^[0-9a-f-]{36}$/);
    }
    const accepted = 'A'.repeat(128);
    assert.equal((await gateway.api.get('/healthz', { headers: { 'X-Request-Id': accepted } })).headers.get('x-request-id'), accepted);
  });

  test('health probes: /healthz, /readyz and the original /health', async () => {
    const live = await gateway.api.get('/healthz');
    assert.deepEqual([live.status, live.body], [200, { status: 'ok' }]);
    const ready = await gateway.api.get('/readyz');
    assert.deepEqual([ready.status, ready.body], [200, { status: 'ready', services: { 'product-service': 'SERVING', 'order-service': 'SERVING' } }]);
    const health = await gateway.api.get('/health');
    assert.deepEqual([health.status, health.body], [200, { status: 'healthy', service: 'api-gateway' }]);
  });

  test('GET /openapi.json serves the committed spec; /docs serves Swagger UI against it', async () => {
    const committed = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/api-gateway/openapi.json'), 'utf8'));
    const served = await gateway.api.get('/openapi.json');
    assert.equal(served.status, 200);
    assert.deepEqual(served.body, committed);
    assert.deepEqual(committed.servers, [{ url: '/' }]);
    const redirect = await fetch(`${gateway.baseUrl}/docs`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/docs/');
    const page = await gateway.api.get('/docs/');
    assert.equal(page.status, 200);
    assert.match(String(page.body), /swagger-ui/);
    assert.match(String((await gateway.api.get('/docs/swagger-ui-init.js')).body), /"url": "\/"/);
  });
});
