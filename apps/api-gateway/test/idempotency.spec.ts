import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { assertInvalid, assertProblem, startServices, waitFor, type ApiResponse, type Services } from '@ecommerce/testing';
import { HEADPHONES, startGatewayOver, type TestGateway } from './gateway.js';

type Product = Record<string, unknown> & { id: string; etag: string };
type Order = Record<string, unknown> & { id: string; status: string };

/** The gateway's deadline here; order-service's own product deadline is shorter (1 s). */
const GRPC_TIMEOUT_MS = 2000;

const replayed = (response: ApiResponse) => response.headers.get('idempotent-replayed');

// Idempotency-Key over the live platform: real service processes with their own stores, real gRPC,
// the gateway in process. What a key promises a client, and what a caller that gave up never gets.
describe('Idempotency-Key over the live platform', { timeout: 180_000 }, () => {
  let services: Services;
  let gateway: TestGateway;
  const key = () => ({ 'idempotency-key': randomUUID() });
  const post = <T = Record<string, unknown>>(path: string, body: unknown, headers: Record<string, string>) =>
    gateway.api.post<T>(path, body, { headers });
  const stocked = async (stock: number): Promise<Product> => {
    const created = await gateway.api.post<Product>('/products', { ...HEADPHONES, name: `Keyed ${randomUUID()}`, stock });
    assert.equal(created.status, 201);
    return created.body;
  };
  const ordersOf = async (product: Product) =>
    (await gateway.api.get<{ orders: Order[] }>(`/orders?product_id=${product.id}&page_size=100`)).body.orders;
  const stockOf = async (product: Product) => (await gateway.api.get<{ stock: number }>(`/products/${product.id}/stock`)).body.stock;
  const productsNamed = async (name: string) => {
    let count = 0;
    let token: string | null = null;
    do {
      const page: ApiResponse<{ products: Product[]; next_page_token: string | null }> =
        await gateway.api.get(`/products?page_size=100${token ? `&page_token=${token}` : ''}`);
      count += page.body.products.filter((p) => p['name'] === name).length;
      token = page.body.next_page_token;
    } while (token);
    return count;
  };

  before(async () => {
    services = await startServices({ orderEnv: { PRODUCT_CALL_TIMEOUT_MS: '1000' } });
    gateway = await startGatewayOver(services, { grpcTimeoutMs: GRPC_TIMEOUT_MS });
  });
  after(async () => {
    await gateway?.stop();
    await services?.stop();
  });

  test('POST /products: the same key and body again answer 201 with the same product and Idempotent-Replayed: true', async () => {
    const headers = key();
    const name = `Replayed ${randomUUID()}`;
    const first = await post<Product>('/products', { ...HEADPHONES, name }, headers);
    assert.equal(first.status, 201);
    assert.equal(replayed(first), null);
    // The same JSON with its members in another order is the same request.
    const again = await post<Product>('/products', { price: HEADPHONES.price, description: HEADPHONES.description, name }, headers);
    assert.deepEqual([again.status, again.body, again.headers.get('location')], [201, first.body, `/products/${first.body.id}`]);
    assert.equal(replayed(again), 'true');
    assert.equal(await productsNamed(name), 1);
  });

  test('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED and creates nothing; keys are per operation', async () => {
    const headers = key();
    const name = `Reused ${randomUUID()}`;
    const first = await post<Product>('/products', { ...HEADPHONES, name }, headers);
    const reused = await post('/products', { ...HEADPHONES, name: `${name} (other)` }, headers);
    assertProblem(reused, { status: 422, type: 'idempotency-key-reused', reason: 'IDEMPOTENCY_KEY_REUSED', code: 'INVALID_ARGUMENT' });
    assert.equal(await productsNamed(`${name} (other)`), 0);
    // The same key on PATCH is another operation's key: it applies.
    const patched = await gateway.api.call<Product>('PATCH', `/products/${first.body.id}`, { json: { name: `${name} (renamed)` }, headers });
    assert.equal(patched.status, 200);
    assert.equal(replayed(patched), null);
  });

  test('PATCH with a key: a retry after the product moved on answers the first outcome, not 412', async () => {
    const product = await stocked(1);
    const headers = { ...key(), 'if-match': product.etag };
    const first = await gateway.api.call<Product>('PATCH', `/products/${product.id}`, { json: { description: 'first' }, headers });
    assert.equal(first.status, 200);
    const again = await gateway.api.call<Product>('PATCH', `/products/${product.id}`, { json: { description: 'first' }, headers });
    assert.deepEqual([again.status, again.body, replayed(again)], [200, first.body, 'true']);
    const stale = await gateway.api.call('PATCH', `/products/${product.id}`, { json: { description: 'first' }, headers: { 'if-match': product.etag } });
    assert.equal(stale.status, 412, 'without the key the stale If-Match is refused');
  });

  test('POST /orders: a replay is the same order, stock taken once; a stored 409 insufficient-stock replays too', async () => {
    const product = await stocked(3);
    const headers = key();
    const first = await post<Order>('/orders', { product_id: product.id, quantity: 2 }, headers);
    assert.equal(first.status, 201);
    const again = await post<Order>('/orders', { product_id: product.id, quantity: 2 }, headers);
    assert.deepEqual([again.status, again.body, replayed(again)], [201, first.body, 'true']);
    assert.deepEqual([(await ordersOf(product)).length, await stockOf(product)], [1, 1]);
    assertProblem(await post('/orders', { product_id: product.id, quantity: 3 }, headers),
      { status: 422, type: 'idempotency-key-reused', reason: 'IDEMPOTENCY_KEY_REUSED' });

    const refusedKey = key();
    const refused = await post('/orders', { product_id: product.id, quantity: 5 }, refusedKey);
    assertProblem(refused, { status: 409, type: 'insufficient-stock', reason: 'INSUFFICIENT_STOCK' });
    const refusedAgain = await post('/orders', { product_id: product.id, quantity: 5 }, refusedKey);
    assert.deepEqual([refusedAgain.status, refusedAgain.body['detail'], replayed(refusedAgain)], [409, refused.body['detail'], 'true']);
  });

  test('ten concurrent POST /orders with one key make one order; the rest replay it or get 409 in-use with Retry-After', async () => {
    const product = await stocked(10);
    const headers = key();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post<Order>('/orders', { product_id: product.id, quantity: 1 }, headers)));
    const orders = await ordersOf(product);
    assert.equal(orders.length, 1);
    assert.equal(await stockOf(product), 9);
    for (const answer of answers) {
      if (answer.status === 201) {
        assert.equal(answer.body.id, orders[0]?.id);
      } else {
        assertProblem(answer, { status: 409, type: 'idempotency-key-in-use', reason: 'IDEMPOTENCY_KEY_IN_USE', code: 'ABORTED' });
        assert.equal(answer.headers.get('retry-after'), '1');
      }
    }
    assert.ok(answers.some((answer) => answer.status === 201));
    const later = await post<Order>('/orders', { product_id: product.id, quantity: 1 }, headers);
    assert.deepEqual([later.status, later.body.id, replayed(later)], [201, orders[0]?.id, 'true']);
  });

  test('POST /orders/{id}/cancel with a key replays the cancelled order; the key on another order is 422', async () => {
    const product = await stocked(4);
    const placed = await post<Order>('/orders', { product_id: product.id, quantity: 4 }, key());
    const headers = key();
    const cancelled = await post<Order>(`/orders/${placed.body.id}/cancel`, undefined, headers);
    assert.deepEqual([cancelled.status, cancelled.body.status, replayed(cancelled)], [200, 'CANCELLED', null]);
    const again = await post<Order>(`/orders/${placed.body.id}/cancel`, undefined, headers);
    assert.deepEqual([again.status, again.body, replayed(again)], [200, cancelled.body, 'true']);
    assert.equal(await stockOf(product), 4);
    const other = await post<Order>('/orders', { product_id: product.id, quantity: 1 }, key());
    assertProblem(await post(`/orders/${other.body.id}/cancel`, undefined, headers), { status: 422, type: 'idempotency-key-reused' });
  });

  test('an Idempotency-Key that is not 1 to 255 printable ASCII characters is 400 naming the header', async () => {
    for (const bad of ['x'.repeat(256), 'caf\u00e9']) {
      const response = await post('/products', HEADPHONES, { 'idempotency-key': bad });
      assertInvalid(response, ['Idempotency-Key']);
    }
    // An empty one too, in the same 400 as the body's own mistakes.
    const empty = await post('/orders', { product_id: randomUUID(), quantity: 0 }, { 'idempotency-key': '' });
    assertInvalid(empty, ['Idempotency-Key', 'quantity']);
  });

  test('keys survive a restart of the service that stores them', async () => {
    const product = await stocked(2);
    const headers = key();
    const first = await post<Order>('/orders', { product_id: product.id, quantity: 1 }, headers);
    assert.equal(await services.orders.stop(), 0);
    await services.restart('orders');
    const again = await waitFor(async () => {
      const answer = await post<Order>('/orders', { product_id: product.id, quantity: 1 }, headers);
      return answer.status === 201 ? answer : undefined;
    }, { timeoutMs: 10_000 });
    assert.deepEqual([again.body, replayed(again)], [first.body, 'true']);
    assert.deepEqual([(await ordersOf(product)).length, await stockOf(product)], [1, 1]);
  });

  test('POST /products through a paused product-service: 504, nothing written after it resumes; the keyed retry creates it once', async () => {
    const name = `Paused ${randomUUID()}`;
    const headers = key();
    await productsNamed(name);
    services.products.pause();
    let timedOut;
    try {
      timedOut = await post('/products', { ...HEADPHONES, name }, headers);
    } finally {
      services.products.resume();
    }
    assertProblem(timedOut, { status: 504, type: 'deadline-exceeded' });
    await delay(500);
    assert.equal(await productsNamed(name), 0, 'the late call committed nothing');
    const retry = await post<Product>('/products', { ...HEADPHONES, name }, headers);
    assert.deepEqual([retry.status, replayed(retry)], [201, null]);
    assert.equal(await productsNamed(name), 1);
  });

  test('POST /orders through a paused product-service: 504; the keyed retry places one order and takes stock once', async () => {
    const product = await stocked(2);
    const headers = key();
    services.products.pause();
    let timedOut;
    try {
      timedOut = await post('/orders', { product_id: product.id, quantity: 2 }, headers);
    } finally {
      services.products.resume();
    }
    assertProblem(timedOut, { status: 504, type: 'product-service-timeout' });
    await delay(500);
    assert.deepEqual(await ordersOf(product), []);
    const retry = await post<Order>('/orders', { product_id: product.id, quantity: 2 }, headers);
    assert.equal(retry.status, 201);
    assert.deepEqual([(await ordersOf(product)).map((o) => o.id), await stockOf(product)], [[retry.body.id], 0]);
    // The retry went on under the order id the first attempt recorded (and reserved with).
    const intent = services.orders.logs.find((line) => line['msg'] === 'order intent recorded' && line['request_id'] === timedOut.headers.get('x-request-id'));
    assert.equal(intent?.['order_id'], retry.body.id);
  });
});

describe('Idempotency-Key retention', { timeout: 60_000 }, () => {
  let services: Services;
  let gateway: TestGateway;
  before(async () => {
    services = await startServices({ env: { IDEMPOTENCY_KEY_TTL_MS: '1000' } });
    gateway = await startGatewayOver(services);
  });
  after(async () => {
    await gateway?.stop();
    await services?.stop();
  });

  test('a key expires after IDEMPOTENCY_KEY_TTL_MS: the same request then creates anew, and the key is purged', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const body = { ...HEADPHONES, name: `Expiring ${randomUUID()}` };
    const first = await gateway.api.post<Product>('/products', body, { headers });
    const again = await gateway.api.post<Product>('/products', body, { headers });
    assert.deepEqual([again.body.id, again.headers.get('idempotent-replayed')], [first.body.id, 'true']);
    await delay(1200);
    const later = await gateway.api.post<Product>('/products', body, { headers });
    assert.equal(later.status, 201);
    assert.notEqual(later.body.id, first.body.id);
    assert.equal(later.headers.get('idempotent-replayed'), null);
    await services.products.waitForLog((line) => line['msg'] === 'expired idempotency keys purged', 5000);
  });
});
