import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { OrderStatus, type Product } from '@ecommerce/contracts';
import { MAX_MINOR_AMOUNT } from '@ecommerce/money';
import { createOrder, createProduct, failure, waitForLog } from '../test/clients.js';
import { startPlatform, type Platform } from '../test/processes.js';

// CreateOrder over real gRPC against real product-service and order-service processes: exact
// totals, every validation failure, an unknown product, and the correlation id travelling upstream.
describe('CreateOrder', { timeout: 120_000 }, () => {
  let platform: Platform;
  const p = {} as Record<'dime' | 'p1999' | 'yen' | 'max' | 'big', Product>;
  const order = (productId: string, quantity: number, requestId?: string) =>
    createOrder(platform.client, productId, quantity, requestId);

  before(async () => {
    platform = await startPlatform();
    p.dime = await createProduct(platform.catalog, 10);
    p.p1999 = await createProduct(platform.catalog, 1999);
    p.yen = await createProduct(platform.catalog, 500, 'JPY');
    p.max = await createProduct(platform.catalog, MAX_MINOR_AMOUNT);
    p.big = await createProduct(platform.catalog, 100_000_000_000_000);
  });

  after(() => platform?.stop());

  test('prices 0.10 x 3 at exactly 0.30 and confirms the order', async () => {
    const before = Date.now();
    const created = await order(p.dime.id, 3);
    assert.match(created.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(created.productId, p.dime.id);
    assert.equal(created.quantity, 3);
    assert.deepEqual(created.unitPrice, { amountMinor: '10', currency: 'USD' });
    assert.deepEqual(created.totalPrice, { amountMinor: '30', currency: 'USD' });
    assert.equal(created.status, OrderStatus.ORDER_STATUS_CONFIRMED);
    assert.ok(created.createTime && created.createTime.getTime() >= before - 1000);
  });

  test('prices 19.99 x 7 at exactly 139.93', async () => {
    const created = await order(p.p1999.id, 7);
    assert.deepEqual(created.unitPrice, { amountMinor: '1999', currency: 'USD' });
    assert.deepEqual(created.totalPrice, { amountMinor: '13993', currency: 'USD' });
  });

  test("charges in the product's currency", async () => {
    assert.deepEqual((await order(p.yen.id, 3)).totalPrice, { amountMinor: '1500', currency: 'JPY' });
  });

  test('accepts quantity 1 and 10000, and an upper-case product id', async () => {
    assert.equal((await order(p.dime.id, 1)).totalPrice?.amountMinor, '10');
    assert.equal((await order(p.dime.id, 10_000)).totalPrice?.amountMinor, '100000');
    assert.equal((await order(p.dime.id.toUpperCase(), 2)).productId, p.dime.id);
  });

  test('accepts a total exactly at the money bound', async () => {
    assert.deepEqual((await order(p.max.id, 1)).totalPrice, { amountMinor: String(MAX_MINOR_AMOUNT), currency: 'USD' });
  });

  test('refuses a total beyond the bound: INVALID_ARGUMENT, VALIDATION_FAILED on quantity', async () => {
    for (const [product, quantity, max] of [[p.max, 2, 1], [p.big, 10, 9]] as const) {
      const error = await failure(order(product.id, quantity));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.equal(error.domain, 'order-service');
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['quantity']);
      assert.match(error.fieldViolations[0]?.description ?? '', new RegExp(`at most ${max} for this product`));
    }
  });

  test('refuses quantities outside 1-10000 without asking product-service', async () => {
    for (const quantity of [0, -1, 10_001]) {
      const requestId = `bad-quantity-${randomUUID()}`;
      const error = await failure(order(p.dime.id, quantity, requestId));
      assert.equal(error.code, status.INVALID_ARGUMENT, String(quantity));
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['quantity']);
      await waitForLog(platform.orders, (line) => line['request_id'] === requestId);
      assert.equal(platform.products.logs.some((line) => line['request_id'] === requestId), false);
    }
  });

  test('refuses a malformed product id, listing every bad field', async () => {
    const one = await failure(order('not-a-uuid', 1));
    assert.equal(one.code, status.INVALID_ARGUMENT);
    assert.equal(one.reason, 'VALIDATION_FAILED');
    assert.deepEqual(one.fieldViolations.map((v) => v.field), ['product_id']);
    const both = await failure(order('', 0));
    assert.equal(both.code, status.INVALID_ARGUMENT);
    assert.deepEqual(both.fieldViolations.map((v) => v.field), ['product_id', 'quantity']);
  });

  test('an unknown product is NOT_FOUND (PRODUCT_NOT_FOUND) naming the id', async () => {
    const id = randomUUID();
    const error = await failure(order(id, 1));
    assert.equal(error.code, status.NOT_FOUND);
    assert.equal(error.reason, 'PRODUCT_NOT_FOUND');
    assert.equal(error.domain, 'order-service');
    assert.match(error.message, new RegExp(id));
    assert.deepEqual(error.metadata, { product_id: id });
  });

  test('passes the correlation id on to product-service', async () => {
    const requestId = `corr-${randomUUID()}`;
    await order(p.dime.id, 1, requestId);
    const upstream = await waitForLog(platform.products, (line) => line['request_id'] === requestId);
    assert.equal(upstream['method'], 'getProduct');
    assert.equal(upstream['code'], 'OK');
    const own = await waitForLog(platform.orders, (line) => line['request_id'] === requestId && line['msg'] === 'rpc');
    assert.equal(own['method'], 'createOrder');
  });
});
