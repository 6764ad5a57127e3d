import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT, assertProblem, startServices, type ApiResponse, type Services } from '@ecommerce/testing';
import { ApiKeyRing } from '../src/access/api-keys.js';
import { HEADPHONES, startGatewayOver, type TestGateway } from './gateway.js';

type Order = Record<string, unknown> & { id: string };

/** Keys as an operator would write them: one with every scope, one that only reads orders, one shop front. */
const ADMIN = `admin-${randomUUID()}-secret`;
const READER = `reader-${randomUUID()}-secret`;
const SHOP = `shop-${randomUUID()}-secret`;
const KEYS = ApiKeyRing.parse(JSON.stringify([
  { id: 'admin', key: ADMIN, scopes: ['products:write', 'orders:read', 'orders:write', 'metrics:read'] },
  { id: 'reader', key: READER, scopes: ['orders:read'] },
  { id: 'shop', key: SHOP, scopes: ['orders:read', 'orders:write'] },
]), 'test keys');

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function assertChallenge(response: ApiResponse, expected: RegExp): void {
  assert.match(response.headers.get('www-authenticate') ?? '', expected);
}

// API keys in front of the real services (processes, gRPC): what each key may do, what a request
// without one gets, and that two keys never share idempotency keys.
describe('API keys with scopes', { timeout: 120_000 }, () => {
  let services: Services;
  let keyed: TestGateway;
  let open: TestGateway;
  let productId: string;

  before(async () => {
    services = await startServices();
    keyed = await startGatewayOver(services, { access: { apiKeys: KEYS }, telemetry: true });
    open = await startGatewayOver(services, { telemetry: true });
    const created = await keyed.api.post<{ id: string }>('/products', { ...HEADPHONES, stock: 100 }, { headers: bearer(ADMIN) });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    productId = created.body.id;
  });
  after(async () => {
    await keyed?.stop();
    await open?.stop();
    await services?.stop();
  });

  test('no key: 401 api-key-missing with WWW-Authenticate: Bearer, before the request is validated', async () => {
    const missing = await keyed.api.get('/orders');
    assertProblem(missing, { status: 401, type: 'api-key-missing', reason: 'API_KEY_MISSING', code: 'UNAUTHENTICATED', instance: '/orders' });
    assertChallenge(missing, /^Bearer realm="ecommerce"$/);
    // Another scheme is no bearer key either; an invalid body is not looked at before the key.
    assertProblem(await keyed.api.get('/orders', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }),
      { status: 401, type: 'api-key-missing' });
    assertProblem(await keyed.api.post('/orders', { quantity: 'many' }), { status: 401, type: 'api-key-missing' });
  });

  test('GET /metrics needs metrics:read when keys are configured, and is open in open mode', async () => {
    assertProblem(await keyed.api.get('/metrics'), { status: 401, type: 'api-key-missing' });
    assertProblem(await keyed.api.get('/metrics', { headers: bearer(SHOP) }), { status: 403, type: 'insufficient-scope' });
    const scraped = await keyed.api.get('/metrics', { headers: bearer(ADMIN) });
    assert.equal(scraped.status, 200);
    assert.match(scraped.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal((await open.api.get('/metrics')).status, 200);
  });

  test('a wrong or malformed key: 401 api-key-invalid with error="invalid_token"', async () => {
    for (const authorization of [`Bearer ${ADMIN}x`, 'Bearer not a token', 'Bearer ', `bearer ${ADMIN.slice(0, -1)}`]) {
      const invalid = await keyed.api.get('/orders', { headers: { authorization } });
      assertProblem(invalid, { status: 401, type: 'api-key-invalid', reason: 'API_KEY_INVALID', code: 'UNAUTHENTICATED' });
      assertChallenge(invalid, /^Bearer realm="ecommerce", error="invalid_token"$/);
    }
  });

  test('a key without the scope: 403 insufficient-scope naming it; with the scope: 200 (the scheme in any case)', async () => {
    const denied = await keyed.api.post('/orders', { product_id: productId, quantity: 1 }, { headers: bearer(READER) });
    assertProblem(denied, { status: 403, type: 'insufficient-scope', reason: 'INSUFFICIENT_SCOPE', code: 'PERMISSION_DENIED' });
    assert.match(String(denied.body['detail']), /orders:write/);
    assertChallenge(denied, /^Bearer realm="ecommerce", error="insufficient_scope", scope="orders:write"$/);
    assertProblem(await keyed.api.post('/products', HEADPHONES, { headers: bearer(SHOP) }), { status: 403, type: 'insufficient-scope' });
    assert.equal((await keyed.api.get('/orders', { headers: bearer(READER) })).status, 200);
    assert.equal((await keyed.api.get('/orders', { headers: { authorization: `bEaReR ${READER}` } })).status, 200);
    const placed = await keyed.api.post<Order>('/orders', { product_id: productId, quantity: 1 }, { headers: bearer(SHOP) });
    assert.equal(placed.status, 201);
    assert.equal((await keyed.api.get(`/orders/${placed.body.id}`, { headers: bearer(READER) })).status, 200);
  });

  test('every operation the committed spec marks with the bearer scheme answers 401 without a key, and no other does', async () => {
    const spec = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'apps/api-gateway/openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { security: Record<string, string[]>[] }>>;
    };
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const path = template.replace('{id}', productId);
        const json = ['post', 'patch', 'put'].includes(method) ? {} : undefined;
        const answer = await keyed.api.call(method.toUpperCase(), path, { json });
        const protectedOperation = operation.security.some((requirement) => 'bearer' in requirement);
        assert.equal(answer.status === 401, protectedOperation, `${method.toUpperCase()} ${template}: ${answer.status}`);
      }
    }
  });

  test('product reads and the probes need no key, and ignore one that is wrong', async () => {
    for (const path of ['/products', `/products/${productId}`, `/products/${productId}/stock`, '/healthz', '/readyz', '/health', '/openapi.json']) {
      assert.equal((await keyed.api.get(path)).status, 200, path);
      assert.equal((await keyed.api.get(path, { headers: bearer('wrong-key-wrong-key-wrong-key-wrong') })).status, 200, path);
    }
  });

  test('open mode (no keys configured): every route answers without a key', async () => {
    assert.equal((await open.api.get('/orders')).status, 200);
    const created = await open.api.post<{ id: string }>('/products', { ...HEADPHONES, name: 'Open' });
    assert.equal(created.status, 201);
    assert.equal((await open.api.call('DELETE', `/products/${created.body.id}`)).status, 204);
  });

  test('an Idempotency-Key is scoped to its API key: the same key from two API keys places two orders', async () => {
    const idempotencyKey = { 'idempotency-key': `shared-${randomUUID()}` };
    const body = { product_id: productId, quantity: 2 };
    const asShop = await keyed.api.post<Order>('/orders', body, { headers: { ...bearer(SHOP), ...idempotencyKey } });
    const asAdmin = await keyed.api.post<Order>('/orders', body, { headers: { ...bearer(ADMIN), ...idempotencyKey } });
    assert.deepEqual([asShop.status, asAdmin.status], [201, 201]);
    assert.notEqual(asShop.body.id, asAdmin.body.id, 'the second key is not answered with the first key\'s order');
    assert.equal(asAdmin.headers.get('idempotent-replayed'), null);
    const again = await keyed.api.post<Order>('/orders', body, { headers: { ...bearer(SHOP), ...idempotencyKey } });
    assert.deepEqual([again.status, again.body.id, again.headers.get('idempotent-replayed')], [201, asShop.body.id, 'true']);
  });

  test('no secret reaches a log line; the access log names the key by its id', async () => {
    await keyed.api.get('/orders', { headers: bearer(READER) });
    const text = keyed.logs.map((line) => JSON.stringify(line)).join('\n');
    for (const secret of [ADMIN, READER, SHOP]) assert.equal(text.includes(secret), false);
    const line = keyed.logs.find((entry) => entry['msg'] === 'request' && entry['path'] === '/orders' && entry['status'] === 200);
    assert.equal(line?.['api_key'], 'reader');
  });
});
