import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertInvalid, assertProblem, startServices, type Services } from '@ecommerce/testing';
import { HEADPHONES, startGatewayOver, type TestGateway } from './gateway.js';

type Product = Record<string, unknown> & { id: string };
type Order = Record<string, unknown> & { id: string };
interface Page<T> { next_page_token: string | null; [key: string]: T[] | string | null }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The gateway's deadline in this file; order-service's own product deadline is shorter. */
const GRPC_TIMEOUT_MS = 3000;

// The REST API in front of the real services (spawned processes, real gRPC, SQLite): what the
// gateway adds to what the services do, checked end to end. Request validation the gateway does
// by itself is in src/http/request-validation.spec.ts.
describe('the REST API over the real services', { timeout: 120_000 }, () => {
  let services: Services;
  let gateway: TestGateway;
  let productId: string;
  let firstOrder: Order;

  before(async () => {
    services = await startServices({ orderEnv: { PRODUCT_CALL_TIMEOUT_MS: '1000' } });
    gateway = await startGatewayOver(services, { grpcTimeoutMs: GRPC_TIMEOUT_MS });
  });
  after(async () => {
    await gateway?.stop();
    await services?.stop();
  });

  async function pageThrough(path: string, key: string): Promise<string[]> {
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const query: string = token ? `?page_size=2&page_token=${token}` : '?page_size=2';
      const page = await gateway.api.get<Page<{ id: string }>>(`${path}${query}`);
      assert.equal(page.status, 200);
      const items = page.body[key] as { id: string }[];
      assert.ok(items.length <= 2);
      seen.push(...items.map((item) => item.id));
      token = page.body.next_page_token;
    } while (token !== null);
    return seen;
  }

  test('POST /products creates the README product: 201, Location, defaults filled in, GET returns it', async () => {
    const created = await gateway.api.post<Product>('/products', HEADPHONES);
    assert.equal(created.status, 201);
    assert.match(created.body.id, UUID);
    assert.equal(created.headers.get('location'), `/products/${created.body.id}`);
    assert.deepEqual(
      { ...created.body, id: undefined, created_at: undefined, updated_at: undefined },
      { ...HEADPHONES, id: undefined, currency: 'USD', etag: '"1"', created_at: undefined, updated_at: undefined },
    );
    assert.equal(new Date(created.body['created_at'] as string).toISOString(), created.body['created_at']);
    const fetched = await gateway.api.get<Product>(`/products/${created.body.id}`);
    assert.deepEqual([fetched.status, fetched.body], [200, created.body]);
    productId = created.body.id;
  });

  test('money keeps its currency: JPY whole numbers, KWD three decimals, stock tracked', async () => {
    const yen = await gateway.api.post<Product>('/products', { name: 'Tea', price: 500, currency: 'JPY', stock: 3 });
    assert.deepEqual([yen.status, yen.body['price'], yen.body['currency']], [201, 500, 'JPY']);
    assert.equal((await gateway.api.get<Product>(`/products/${yen.body.id}/stock`)).body['stock'], 3);
    const dinar = await gateway.api.post<Product>('/products', { name: 'Dates', price: 1.234, currency: 'KWD' });
    assert.deepEqual([dinar.body['price'], dinar.body['currency']], [1.234, 'KWD']);
  });

  test("a rule only the service checks comes back as a 400 naming the REST field (a blank name)", async () => {
    assertInvalid(await gateway.api.post('/products', { name: '   ', price: 1 }), ['name']);
  });

  test('the original README flow: two headphones at 199.99 cost 399.98; 0.1 x 3 is 0.3', async () => {
    const order = await gateway.api.post<Order>('/orders', { product_id: productId, quantity: 2 });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    assert.equal(order.headers.get('location'), `/orders/${order.body.id}`);
    assert.deepEqual(
      [order.body['product_id'], order.body['quantity'], order.body['unit_price'], order.body['total_price'], order.body['currency'], order.body['status']],
      [productId, 2, 199.99, 399.98, 'USD', 'CONFIRMED'],
    );
    assert.equal(new Date(order.body['created_at'] as string).toISOString(), order.body['created_at']);
    firstOrder = order.body;
    assert.deepEqual((await gateway.api.get<Order>(`/orders/${firstOrder.id}`)).body, firstOrder);
    const sticker = await gateway.api.post<{ id: string }>('/products', { name: 'Sticker', price: 0.1 });
    assert.equal((await gateway.api.post<Order>('/orders', { product_id: sticker.body.id, quantity: 3 })).body['total_price'], 0.3);
  });

  test('GET /products and GET /orders page through every item exactly once', async () => {
    for (let i = 0; i < 3; i += 1) {
      await gateway.api.post('/products', { name: `Page item ${i}`, price: 1 + i / 100 });
      await gateway.api.post('/orders', { product_id: productId, quantity: 1 });
    }
    const products = await pageThrough('/products', 'products');
    assert.deepEqual(products, (await gateway.api.get<{ products: Product[] }>('/products?page_size=100')).body.products.map((p) => p.id));
    assert.ok(products.length >= 6);
    const orders = await pageThrough('/orders', 'orders');
    assert.deepEqual(orders, (await gateway.api.get<{ orders: Order[] }>('/orders?page_size=100')).body.orders.map((o) => o.id));
    assert.equal(orders[0], firstOrder.id);
    assertInvalid(await gateway.api.get('/products?page_token=not-a-token'), ['page_token']);
    const ordersToken = Buffer.from(JSON.stringify({ v: 1, k: 'order', a: 1 })).toString('base64url');
    assertInvalid(await gateway.api.get(`/products?page_token=${ordersToken}`), ['page_token']);
  });

  test('unknown ids are 404 naming them; malformed ones are 400 on id', async () => {
    const ghost = '550e8400-e29b-41d4-a716-446655440000';
    const product = await gateway.api.get(`/products/${ghost}`);
    assertProblem(product, { status: 404, type: 'product-not-found', reason: 'PRODUCT_NOT_FOUND', code: 'NOT_FOUND', instance: `/products/${ghost}` });
    assert.match(product.body['detail'] as string, new RegExp(ghost));
    const order = await gateway.api.post('/orders', { product_id: ghost, quantity: 1 });
    assertProblem(order, { status: 404, type: 'product-not-found', reason: 'PRODUCT_NOT_FOUND', code: 'NOT_FOUND', instance: '/orders' });
    assertProblem(await gateway.api.get(`/orders/${ghost}`), { status: 404, type: 'order-not-found', reason: 'ORDER_NOT_FOUND' });
    assertInvalid(await gateway.api.get('/products/not-a-uuid'), ['id']);
    assertInvalid(await gateway.api.get('/orders/not-a-uuid'), ['id']);
  });

  test('X-Request-Id reaches both services', async () => {
    const requestId = 'through-0001';
    assert.equal((await gateway.api.post('/orders', { product_id: productId, quantity: 1 }, { headers: { 'X-Request-Id': requestId } })).status, 201);
    assert.equal((await services.orders.waitForLog((l) => l['request_id'] === requestId && l['msg'] === 'rpc'))['method'], 'createOrder');
    assert.equal((await services.products.waitForLog((l) => l['request_id'] === requestId))['method'], 'reserveStock');
  });

  test('control characters and NUL in text are a 400 naming the field, nothing stored, nothing logged', async () => {
    for (const [field, value] of [['name', 'nul\u0000byte'], ['name', 'bell\u0007'], ['description', 'nul\u0000byte']] as const) {
      const response = await gateway.api.post('/products', { ...HEADPHONES, name: 'Control', [field]: value });
      assertInvalid(response, [field]);
    }
    assert.ok(!services.products.logs.some((line) => JSON.stringify(line).includes('nul\\u0000byte')), 'the value never reached a log line');
  });

  test('prices in ISO 4217 minor units: 2 decimals for HUF, 3 for IQD, 4 for CLF, kept exact', async () => {
    for (const [currency, price] of [['HUF', 1234.56], ['IQD', 1.234], ['CLF', 12.3456], ['UYW', 0.0001]] as const) {
      const created = await gateway.api.post<Product>('/products', { name: `Priced in ${currency}`, price, currency });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body['price'], created.body['currency']], [price, currency]);
      const fetched = await gateway.api.get<Product>(`/products/${created.body.id}`);
      assert.equal(fetched.body['price'], price);
    }
    assertInvalid(await gateway.api.post('/products', { name: 'Too fine', price: 1.001, currency: 'HUF' }), ['price']);
  });

  // Last: stops product-service for good.
  test('with product-service stopped, POST /orders is 503 within the deadline and GET /orders still works', async () => {
    assert.equal(await services.products.stop(), 0);
    const started = Date.now();
    const order = await gateway.api.post('/orders', { product_id: productId, quantity: 1 });
    const elapsed = Date.now() - started;
    assertProblem(order, { status: 503, type: 'product-service-unavailable', reason: 'PRODUCT_SERVICE_UNAVAILABLE', code: 'UNAVAILABLE' });
    assert.ok(elapsed < GRPC_TIMEOUT_MS, `answered after ${elapsed} ms`);
    assert.doesNotMatch(JSON.stringify(order.body), /127\.0\.0\.1|ECONNREFUSED/);
    const list = await gateway.api.get<{ orders: Order[] }>('/orders');
    assert.equal(list.status, 200);
    assert.ok(list.body.orders.some((o) => o.id === firstOrder.id));
    const ready = await gateway.api.get('/readyz');
    assert.deepEqual([ready.status, ready.body], [503, { status: 'not_ready', services: { 'product-service': 'NOT_SERVING', 'order-service': 'SERVING' } }]);
    assertProblem(await gateway.api.get(`/products/${productId}`), { status: 503, type: 'unavailable', code: 'UNAVAILABLE' });
  });
});
