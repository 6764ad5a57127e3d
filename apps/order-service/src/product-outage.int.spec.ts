import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import type { Product } from '@ecommerce/contracts';
import { callUnary, createChannel, createHealthClient, isServing } from '@ecommerce/grpc-kit';
import { grpcFailure } from '@ecommerce/grpc-kit/test';
import { startServices, waitFor, type Services } from '@ecommerce/testing';
import { connectClients, createOrder, createProduct, listOrders, type ServiceClients } from '../test/clients.js';

/** order-service's deadline for product-service calls in this file (PRODUCT_CALL_TIMEOUT_MS). */
const DEADLINE_MS = 1000;
/** Scheduling slack on a busy 2-core machine on top of the deadline. */
const SLACK_MS = 1500;

// product-service hangs, dies and comes back while the same order-service process keeps running:
// the caller always learns "could not check the product" (UNAVAILABLE / DEADLINE_EXCEEDED) within the
// deadline, never "no such product", and orders work again once product-service is back.
describe('order-service when product-service fails', { timeout: 120_000 }, () => {
  let services: Services;
  let clients: ServiceClients;
  let product: Product;
  let orderServicePid: number | undefined;

  /** Runs a CreateOrder that must fail; returns the decoded status and how long it took. */
  const timedFailure = async () => {
    const started = Date.now();
    const error = await grpcFailure(createOrder(clients.client, product.id, 1));
    return { error, elapsed: Date.now() - started };
  };

  before(async () => {
    services = await startServices({ orderEnv: { PRODUCT_CALL_TIMEOUT_MS: String(DEADLINE_MS) } });
    clients = connectClients(services.products.port, services.orders.port);
    orderServicePid = services.orders.child.pid;
    product = await createProduct(clients.catalog, 1999);
    assert.equal((await createOrder(clients.client, product.id, 2)).totalPrice?.amountMinor, '3998');
  });

  after(async () => {
    clients?.close();
    await services?.stop();
  });

  test('a hung product-service is DEADLINE_EXCEEDED (PRODUCT_SERVICE_TIMEOUT) at the deadline', async () => {
    // SIGSTOP freezes the real process: its socket stays open but nothing answers.
    services.products.pause();
    try {
      const { error, elapsed } = await timedFailure();
      assert.equal(error.code, status.DEADLINE_EXCEEDED, error.message);
      assert.equal(error.reason, 'PRODUCT_SERVICE_TIMEOUT');
      assert.deepEqual(error.metadata, { product_id: product.id });
      assert.ok(elapsed >= DEADLINE_MS - 50, `failed after ${elapsed} ms, before the deadline`);
      assert.ok(elapsed < DEADLINE_MS + SLACK_MS, `failed after ${elapsed} ms`);
    } finally {
      services.products.resume();
    }
    assert.equal((await createOrder(clients.client, product.id, 1)).totalPrice?.amountMinor, '1999');
  });

  test("a caller's shorter deadline also bounds order-service's product check", async () => {
    services.products.pause();
    try {
      const { client } = clients;
      const call = callUnary(client.createOrder.bind(client), { productId: product.id, quantity: 1, requestId: '' },
        { timeoutMs: 300, requestId: 'short-deadline' });
      assert.equal((await grpcFailure(call)).code, status.DEADLINE_EXCEEDED);
      // order-service gave up on product-service with its caller, not after its own 1000 ms.
      const line = await services.orders.waitForLog((l) => l['request_id'] === 'short-deadline' && l['msg'] === 'rpc', 3000);
      assert.equal(line['code'], 'DEADLINE_EXCEEDED');
      assert.ok(Number(line['duration_ms']) < DEADLINE_MS - 300, `order-service waited ${String(line['duration_ms'])} ms`);
    } finally {
      services.products.resume();
    }
  });

  test('a stopped product-service is UNAVAILABLE within the deadline, never NOT_FOUND', async () => {
    assert.equal(await services.products.stop(), 0);
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
    const health = createHealthClient(createChannel(services.orderAddr), services.orderAddr);
    try {
      assert.equal(await isServing(health, 'ecommerce.order.v1.OrderService', 2000), true);
    } finally {
      health.close();
    }
    assert.equal((await listOrders(clients.client, 10)).orders.length, 2);
  });

  test('orders succeed again once product-service is back on the same port, order-service not restarted', async () => {
    const { port } = services.products;
    assert.equal((await services.restart('products')).port, port);
    // Same data directory: the product created before the outage is still there.
    const order = await waitFor(() => createOrder(clients.client, product.id, 7), { timeoutMs: 15_000, intervalMs: 100, what: 'order-service to recover' });
    assert.equal(order.totalPrice?.amountMinor, '13993');
    assert.equal(services.orders.child.pid, orderServicePid, 'order-service was not restarted');
    assert.equal(services.orders.child.exitCode, null);
  });
});
