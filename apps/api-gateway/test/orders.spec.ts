import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertInvalid, assertProblem } from './assert-problem.js';
import { HEADPHONES, client } from './http-client.js';
import { startPlatform, type Platform } from './platform.js';

type Order = Record<string, unknown> & { id: string };
interface OrderList { orders: Order[]; next_page_token: string | null }

/** The gateway's deadline in this file; order-service's own product deadline is shorter. */
const GRPC_TIMEOUT_MS = 3000;

describe('orders over REST (real product-service, order-service and gateway)', { timeout: 120_000 }, () => {
  let platform: Platform;
  let api: ReturnType<typeof client>;
  let productId: string;
  let firstOrder: Order;

  before(async () => {
    platform = await startPlatform({ GRPC_TIMEOUT_MS: String(GRPC_TIMEOUT_MS), PRODUCT_CALL_TIMEOUT_MS: '1000' });
    api = client(platform.baseUrl);
  });
  after(() => platform?.stop());

  test('the original README flow: headphones at 199.99, two of them cost 399.98', async () => {
    const product = await api.post<{ id: string }>('/products', HEADPHONES);
    assert.equal(product.status, 201);
    productId = product.body.id;

    const order = await api.post<Order>('/orders', { product_id: productId, quantity: 2 });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    assert.equal(order.headers.get('location'), `/orders/${order.body.id}`);
    assert.equal(order.body['product_id'], productId);
    assert.equal(order.body['quantity'], 2);
    assert.equal(order.body['unit_price'], 199.99);
    assert.equal(order.body['total_price'], 399.98);
    assert.equal(order.body['currency'], 'USD');
    assert.equal(order.body['status'], 'CONFIRMED');
    assert.equal(new Date(order.body['created_at'] as string).toISOString(), order.body['created_at']);
    firstOrder = order.body;

    const fetched = await api.get<Order>(`/orders/${firstOrder.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, firstOrder);
  });

  test('totals are exact: 0.1 x 3 is 0.3', async () => {
    const product = await api.post<{ id: string }>('/products', { name: 'Sticker', price: 0.1 });
    const order = await api.post<Order>('/orders', { product_id: product.body.id, quantity: 3 });
    assert.equal(order.body['total_price'], 0.3);
  });

  test('GET /orders pages through every order exactly once', async () => {
    for (let i = 0; i < 3; i += 1) await api.post('/orders', { product_id: productId, quantity: 1 });
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const query: string = token ? `?page_size=2&page_token=${token}` : '?page_size=2';
      const page = await api.get<OrderList>(`/orders${query}`);
      assert.equal(page.status, 200);
      seen.push(...page.body.orders.map((o) => o.id));
      token = page.body.next_page_token;
    } while (token !== null);
    const all = await api.get<OrderList>('/orders?page_size=100');
    assert.deepEqual(seen, all.body.orders.map((o) => o.id));
    assert.equal(seen[0], firstOrder.id);
    assert.ok(seen.length >= 5);
  });

  test('an unknown product is 404 product-not-found; an unknown order is 404 order-not-found', async () => {
    const ghost = '550e8400-e29b-41d4-a716-446655440000';
    const order = await api.post('/orders', { product_id: ghost, quantity: 1 });
    assertProblem(order, { status: 404, type: 'product-not-found', reason: 'PRODUCT_NOT_FOUND', code: 'NOT_FOUND', instance: '/orders' });
    assert.match(order.body['detail'] as string, new RegExp(ghost));
    assertProblem(await api.get(`/orders/${ghost}`), { status: 404, type: 'order-not-found', reason: 'ORDER_NOT_FOUND' });
    assertInvalid(await api.get('/orders/not-a-uuid'), ['id']);
  });

  const invalidOrders: [string, unknown, string[]][] = [
    ['quantity 0', { quantity: 0 }, ['quantity']],
    ['quantity 10001', { quantity: 10001 }, ['quantity']],
    ['fractional quantity', { quantity: 1.5 }, ['quantity']],
    ['quantity as a string', { quantity: '2' }, ['quantity']],
    ['malformed product_id', { product_id: 'abc' }, ['product_id']],
    ['missing product_id', { product_id: undefined }, ['product_id']],
    ['unknown field', { coupon: 'FREE' }, ['coupon']],
  ];
  for (const [name, change, fields] of invalidOrders) {
    test(`POST /orders rejects ${name} with 400 naming ${fields.join(', ')}`, async () => {
      assertInvalid(await api.post('/orders', { product_id: productId, quantity: 1, ...(change as object) }), fields);
    });
  }

  test('page_size and page_token are checked as for products', async () => {
    for (const size of ['0', '101', 'abc']) assertInvalid(await api.get(`/orders?page_size=${size}`), ['page_size']);
    assertInvalid(await api.get('/orders?page_token=%%%'), ['page_token']);
  });

  // Last: stops product-service for good.
  test('with product-service stopped, POST /orders is 503 within the deadline and GET /orders still works', async () => {
    assert.equal(await platform.products.stop(), 0);
    const started = Date.now();
    const order = await api.post('/orders', { product_id: productId, quantity: 1 });
    const elapsed = Date.now() - started;
    assertProblem(order, { status: 503, type: 'product-service-unavailable', reason: 'PRODUCT_SERVICE_UNAVAILABLE', code: 'UNAVAILABLE' });
    assert.ok(elapsed < GRPC_TIMEOUT_MS, `answered after ${elapsed} ms`);
    assert.doesNotMatch(JSON.stringify(order.body), /127\.0\.0\.1|ECONNREFUSED/);

    const list = await api.get<OrderList>('/orders');
    assert.equal(list.status, 200);
    assert.ok(list.body.orders.some((o) => o.id === firstOrder.id));
    assert.equal((await api.get(`/orders/${firstOrder.id}`)).status, 200);

    const ready = await api.get('/readyz');
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.body, { status: 'not_ready', services: { 'product-service': 'NOT_SERVING', 'order-service': 'SERVING' } });
    assertProblem(await api.get(`/products/${productId}`), { status: 503, type: 'unavailable', code: 'UNAVAILABLE' });
  });
});
