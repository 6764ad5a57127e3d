import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { Order } from '@ecommerce/contracts';
import { callUnary, createChannel, createHealthClient, isServing } from '@ecommerce/grpc-kit';
import { CLIENT_TIMEOUT_MS, createOrder, createProduct, failure, getOrder, listOrders } from '../test/clients.js';
import { startPlatform, type Platform } from '../test/processes.js';

// GetOrder, ListOrders and the health service over real gRPC against real processes.
describe('GetOrder, ListOrders and health', { timeout: 120_000 }, () => {
  let platform: Platform;
  const created: Order[] = [];

  before(async () => {
    platform = await startPlatform();
    const dime = await createProduct(platform.catalog, 10);
    const other = await createProduct(platform.catalog, 1999);
    for (let i = 1; i <= 25; i += 1) {
      created.push(await createOrder(platform.client, i % 2 ? dime.id : other.id, i));
    }
  });

  after(() => platform?.stop());

  test('GetOrder returns the stored order exactly as created, upper-case id too', async () => {
    for (const order of created.slice(0, 3)) {
      assert.deepEqual((await getOrder(platform.client, order.id)).order, order);
    }
    const [first] = created;
    assert.ok(first);
    assert.equal((await getOrder(platform.client, first.id.toUpperCase())).order?.id, first.id);
  });

  test('GetOrder on an unknown id is NOT_FOUND (ORDER_NOT_FOUND) naming the id', async () => {
    const id = randomUUID();
    const error = await failure(getOrder(platform.client, id));
    assert.equal(error.code, status.NOT_FOUND);
    assert.equal(error.reason, 'ORDER_NOT_FOUND');
    assert.match(error.message, new RegExp(id));
    assert.deepEqual(error.metadata, { order_id: id });
  });

  test('GetOrder on a malformed id is INVALID_ARGUMENT', async () => {
    for (const id of ['', '42', `${randomUUID()}x`]) {
      const error = await failure(getOrder(platform.client, id));
      assert.equal(error.code, status.INVALID_ARGUMENT, id);
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['id']);
    }
  });

  test('ListOrders pages through every order exactly once, oldest first', async () => {
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await listOrders(platform.client, 4, token);
      assert.ok(page.orders.length <= 4);
      seen.push(...page.orders.map((o) => o.id));
      token = page.nextPageToken;
      pages += 1;
    } while (token !== '');
    assert.deepEqual(seen, created.map((o) => o.id));
    assert.equal(pages, Math.ceil(created.length / 4));
  });

  test('ListOrders returns the same orders as CreateOrder, 20 per page by default', async () => {
    const first = await listOrders(platform.client, 0);
    assert.deepEqual(first.orders, created.slice(0, 20));
    assert.notEqual(first.nextPageToken, '');
    const rest = await listOrders(platform.client, 100, first.nextPageToken);
    assert.deepEqual(rest.orders, created.slice(20));
    assert.equal(rest.nextPageToken, '');
  });

  test('ListOrders refuses bad page sizes and malformed or foreign page tokens', async () => {
    for (const size of [-1, 101]) {
      const error = await failure(listOrders(platform.client, size));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_size']);
    }
    const { catalog } = platform;
    const productPage = await callUnary(catalog.listProducts.bind(catalog), { pageSize: 1, pageToken: '' }, {
      timeoutMs: CLIENT_TIMEOUT_MS,
    });
    assert.notEqual(productPage.nextPageToken, '');
    for (const token of ['not a token', 'e30', productPage.nextPageToken]) {
      const error = await failure(listOrders(platform.client, 5, token));
      assert.equal(error.code, status.INVALID_ARGUMENT, token);
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_token']);
    }
  });

  test('serves grpc.health.v1 for the server and for OrderService', async () => {
    const address = `127.0.0.1:${platform.orders.port}`;
    const health = createHealthClient(createChannel(address), address);
    try {
      assert.equal(await isServing(health, '', 2000), true);
      assert.equal(await isServing(health, 'ecommerce.order.v1.OrderService', 2000), true);
      assert.equal(await isServing(health, 'ecommerce.product.v1.ProductService', 2000), false);
    } finally {
      health.close();
    }
  });
});
