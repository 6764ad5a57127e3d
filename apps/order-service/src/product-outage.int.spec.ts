import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import type { Product } from '@ecommerce/contracts';
import { callUnary, createChannel, createHealthClient, isServing } from '@ecommerce/grpc-kit';
import { createOrder, createProduct, failure, listOrders } from '../test/clients.js';
import { assertStillRunning, startPlatform, startProductService, type Platform } from '../test/processes.js';

/** order-service's deadline for product-service calls in this file (PRODUCT_CALL_TIMEOUT_MS). */
const DEADLINE_MS = 1000;
/** Scheduling slack on a busy 2-core machine on top of the deadline. */
const SLACK_MS = 1500;

// product-service hangs, dies and comes back while the same order-service process keeps running:
// the caller always learns "could not check the product" (UNAVAILABLE / DEADLINE_EXCEEDED) within the
// deadline, never "no such product", and orders work again once product-service is back.
describe('order-service when product-service fails', { timeout: 120_000 }, () => {
  let platform: Platform;
  let product: Product;
  let orderServicePid: number | undefined;

  /** Runs a CreateOrder that must fail; returns the decoded status and how long it took. */
  const timedFailure = async () => {
    const started = Date.now();
    const error = await failure(createOrder(platform.client, product.id, 1));
    return { error, elapsed: Date.now() - started };
  };

  before(async () => {
    platform = await startPlatform({ PRODUCT_CALL_TIMEOUT_MS: String(DEADLINE_MS) });
    orderServicePid = platform.orders.child.pid;
    product = await createProduct(platform.catalog, 1999);
    assert.equal((await createOrder(platform.client, product.id, 2)).totalPrice?.amountMinor, '3998');
  });

  after(() => platform?.stop());

  test('a hung product-service is DEADLINE_EXCEEDED (PRODUCT_SERVICE_TIMEOUT) at the deadline', async () => {
    // SIGSTOP freezes the real process: its socket stays open but nothing answers.
    platform.products.child.kill('SIGSTOP');
    try {
      const { error, elapsed } = await timedFailure();
      assert.equal(error.code, status.DEADLINE_EXCEEDED, error.message);
      assert.equal(error.reason, 'PRODUCT_SERVICE_TIMEOUT');
      assert.deepEqual(error.metadata, { product_id: product.id });
      assert.ok(elapsed >= DEADLINE_MS - 50, `failed after ${elapsed} ms, before the deadline`);
      assert.ok(elapsed < DEADLINE_MS + SLACK_MS, `failed after ${elapsed} ms`);
    } finally {
      platform.products.child.kill('SIGCONT');
    }
    assert.equal((await createOrder(platform.client, product.id, 1)).totalPrice?.amountMinor, '1999');
  });

  test("a caller's shorter deadline also bounds order-service's product check", async () => {
    platform.products.child.kill('SIGSTOP');
    try {
      const client = platform.client;
      const call = callUnary(client.createOrder.bind(client), { productId: product.id, quantity: 1 },
        { timeoutMs: 300, requestId: 'short-deadline' });
      assert.equal((await failure(call)).code, status.DEADLINE_EXCEEDED);
      // order-service gave up on product-service with its caller, not after its own 1000 ms.
      let line: Record<string, unknown> | undefined;
      for (let waited = 0; !line && waited < 3000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        line = platform.orders.logs.find((l) => l['request_id'] === 'short-deadline' && l['msg'] === 'rpc');
      }
      assert.ok(line, 'order-service logged the call');
      assert.equal(line['code'], 'DEADLINE_EXCEEDED');
      assert.ok(Number(line['duration_ms']) < DEADLINE_MS - 300, `order-service waited ${String(line['duration_ms'])} ms`);
    } finally {
      platform.products.child.kill('SIGCONT');
    }
  });

  test('a stopped product-service is UNAVAILABLE within the deadline, never NOT_FOUND', async () => {
    assert.equal(await platform.products.stop(), 0);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { error, elapsed } = await timedFailure();
      assert.ok([status.UNAVAILABLE, status.DEADLINE_EXCEEDED].includes(error.code), error.message);
      assert.ok(['PRODUCT_SERVICE_UNAVAILABLE', 'PRODUCT_SERVICE_TIMEOUT'].includes(error.reason ?? ''), error.reason);
      assert.deepEqual(error.metadata, { product_id: product.id });
      assert.ok(elapsed < DEADLINE_MS + SLACK_MS, `failed after ${elapsed} ms`);
      assert.doesNotMatch(error.message, /127\.0\.0\.1/, 'upstream address leaked');
    }
  });

  test('order-service stays up, healthy and able to read orders meanwhile', async () => {
    const address = `127.0.0.1:${platform.orders.port}`;
    const health = createHealthClient(createChannel(address), address);
    try {
      assert.equal(await isServing(health, 'ecommerce.order.v1.OrderService', 2000), true);
    } finally {
      health.close();
    }
    assert.equal((await listOrders(platform.client, 10)).orders.length, 2);
  });

  test('orders succeed again once product-service is back on the same port, order-service not restarted', async () => {
    const { port } = platform.products;
    platform.products = await startProductService(join(platform.dataDir, 'product'), port);
    assert.equal(platform.products.port, port);
    const until = Date.now() + 15_000;
    for (;;) {
      try {
        // Same data directory: the product created before the outage is still there.
        assert.equal((await createOrder(platform.client, product.id, 7)).totalPrice?.amountMinor, '13993');
        break;
      } catch (error) {
        assert.ok(Date.now() < until, `order-service did not recover: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    assertStillRunning(platform.orders, orderServicePid);
  });
});
