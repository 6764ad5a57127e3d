import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STORES, assertInvalid, assertProblem, createTempPostgresDatabase, startServices, type Services } from '@ecommerce/testing';
import { startGatewayOver, type TestGateway } from './gateway.js';

type Json = Record<string, unknown> & { id: string };

// Stock over REST in front of the real services, on each store: reservations under concurrent
// buyers never oversell, cancels give stock back exactly once, orders are filtered.
for (const store of STORES) describe(`orders and stock over REST (${store})`, { timeout: 180_000 }, () => {
  let services: Services;
  let gateway: TestGateway;
  let drop: (() => Promise<void>) | undefined;
  const product = async (stock: number | null) => (await gateway.api.post<Json>('/products', { name: 'Limited lamp', price: 12.5, stock })).body;
  const stockOf = async (id: string) => (await gateway.api.get<Json>(`/products/${id}/stock`)).body['stock'];
  const buy = (productId: string, quantity = 1) => gateway.api.post<Json>('/orders', { product_id: productId, quantity });

  before(async () => {
    let env: Record<string, string> = {};
    if (store === 'postgresql') {
      const database = await createTempPostgresDatabase();
      drop = database.drop;
      env = { PRODUCT_DATABASE_URL: database.url, ORDER_DATABASE_URL: database.url };
    }
    services = await startServices({ productEnv: env, orderEnv: env });
    gateway = await startGatewayOver(services, { grpcTimeoutMs: 10_000 });
  });
  after(async () => {
    await gateway?.stop();
    await services?.stop();
    await drop?.();
  });

  test('10 rounds of 20 concurrent buyers against a stock of 5: 5 orders each, 15 times 409, stock 0, nothing oversold', async () => {
    const lamp = await product(null);
    for (let round = 0; round < 10; round += 1) {
      assert.equal((await gateway.api.call('PUT', `/products/${lamp.id}/stock`, { json: { stock: 5 } })).status, 200);
      const answers = await Promise.all(Array.from({ length: 20 }, () => buy(lamp.id)));
      const sold = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 409);
      assert.deepEqual([sold.length, refused.length], [5, 15], `round ${round}: ${answers.map((a) => a.status).join(',')}`);
      for (const answer of refused) {
        assertProblem(answer, { status: 409, type: 'insufficient-stock', reason: 'INSUFFICIENT_STOCK', code: 'FAILED_PRECONDITION' });
        assert.match(String(answer.body['detail']), /has \d+ available, 1 ordered/);
      }
      assert.equal(sold.reduce((sum, a) => sum + Number(a.body['quantity']), 0), 5);
      assert.equal(await stockOf(lamp.id), 0, `round ${round}`);
    }
    const { body: page } = await gateway.api.get<{ orders: Json[] }>(`/orders?product_id=${lamp.id}&page_size=100`);
    assert.equal(page.orders.length, 50, 'exactly 10 x 5 orders were recorded');
  });

  test('an order for more than is available is refused whole, with the available quantity named', async () => {
    const lamp = await product(3);
    const refused = await buy(lamp.id, 4);
    assertProblem(refused, { status: 409, type: 'insufficient-stock', reason: 'INSUFFICIENT_STOCK' });
    assert.match(String(refused.body['detail']), /has 3 available, 4 ordered/);
    assert.equal(await stockOf(lamp.id), 3);
    assert.equal((await buy(lamp.id, 3)).status, 201);
    assert.equal(await stockOf(lamp.id), 0);
  });

  test('an order changes the stock, never the product\'s ETag: an editor\'s If-Match save still succeeds', async () => {
    const lamp = await product(10);
    assert.equal((await buy(lamp.id, 2)).status, 201);
    const saved = await gateway.api.call<Json>('PATCH', `/products/${lamp.id}`, { json: { name: 'Renamed lamp' }, headers: { 'If-Match': String(lamp['etag']) } });
    assert.equal(saved.status, 200);
    assert.equal(await stockOf(lamp.id), 8);
  });

  test('cancel gives the stock back exactly once, also under 10 concurrent cancels; again is 200 unchanged; unknown is 404', async () => {
    const lamp = await product(5);
    const { body: order } = await buy(lamp.id, 3);
    assert.equal(await stockOf(lamp.id), 2);
    const cancels = await Promise.all(Array.from({ length: 10 }, () => gateway.api.post<Json>(`/orders/${order.id}/cancel`, undefined)));
    assert.ok(cancels.every((c) => c.status === 200 && c.body['status'] === 'CANCELLED'), cancels.map((c) => c.status).join(','));
    assert.equal(await stockOf(lamp.id), 5);
    const again = await gateway.api.post<Json>(`/orders/${order.id}/cancel`, undefined);
    assert.deepEqual([again.status, again.body], [200, cancels[0]?.body]);
    assert.equal(await stockOf(lamp.id), 5);
    assert.equal((await gateway.api.get<Json>(`/orders/${order.id}`)).body['status'], 'CANCELLED');
    assertProblem(await gateway.api.post(`/orders/${'0b7e2d4c-7a0e-4c1e-9a53-0d9f4b1e2c3a'}/cancel`, undefined), { status: 404, type: 'order-not-found', reason: 'ORDER_NOT_FOUND' });
  });

  test('GET /orders filters by product_id and status, paged; a page token is refused under another filter', async () => {
    const a = await product(null);
    const b = await product(null);
    const orders = [(await buy(a.id)).body, (await buy(a.id)).body, (await buy(a.id)).body, (await buy(b.id)).body];
    await gateway.api.post(`/orders/${orders[1]?.id}/cancel`, undefined);
    const ofA = await gateway.api.get<{ orders: Json[]; next_page_token: string | null }>(`/orders?product_id=${a.id}&page_size=2`);
    assert.deepEqual(ofA.body.orders.map((o) => o.id), [orders[0]?.id, orders[1]?.id]);
    const next = await gateway.api.get<{ orders: Json[] }>(`/orders?product_id=${a.id}&page_size=2&page_token=${ofA.body.next_page_token}`);
    assert.deepEqual(next.body.orders.map((o) => o.id), [orders[2]?.id]);
    const cancelled = await gateway.api.get<{ orders: Json[] }>(`/orders?product_id=${a.id}&status=CANCELLED`);
    assert.deepEqual(cancelled.body.orders.map((o) => [o.id, o['status']]), [[orders[1]?.id, 'CANCELLED']]);
    assertInvalid(await gateway.api.get(`/orders?product_id=${b.id}&page_size=2&page_token=${ofA.body.next_page_token}`), ['page_token']);
    assertInvalid(await gateway.api.get(`/orders?page_token=${ofA.body.next_page_token}`), ['page_token']);
    assertInvalid(await gateway.api.get('/orders?product_id=nope&status=SHIPPED'), ['product_id', 'status']);
  });
});
