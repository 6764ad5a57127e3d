import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { createChannel, createHealthClient, isServing } from '@ecommerce/grpc-kit';
import { grpcFailure } from '@ecommerce/grpc-kit/test';
import { startServices, type Services } from '@ecommerce/testing';
import { connectClients, createOrder, createProduct, type ServiceClients } from '../test/clients.js';

// CreateOrder across the two real processes over real gRPC: the price comes from product-service's
// stock reservation,
// "no such product" is product-service's own word, the correlation id travels upstream. Pricing
// and validation rules are covered in process (orders/order-handlers.spec.ts).
describe('CreateOrder across real processes', { timeout: 120_000 }, () => {
  let services: Services;
  let clients: ServiceClients;

  before(async () => {
    services = await startServices();
    clients = connectClients(services.products.port, services.orders.port);
  });
  after(async () => {
    clients?.close();
    await services?.stop();
  });

  test("prices the order from product-service's price: 19.99 x 7 = 139.93", async () => {
    const product = await createProduct(clients.catalog, 1999);
    const order = await createOrder(clients.client, product.id, 7);
    assert.deepEqual([order.unitPrice, order.totalPrice], [{ amountMinor: '1999', currency: 'USD' }, { amountMinor: '13993', currency: 'USD' }]);
  });

  test("an unknown product is NOT_FOUND (PRODUCT_NOT_FOUND) on product-service's word, naming the id", async () => {
    const id = randomUUID();
    const error = await grpcFailure(createOrder(clients.client, id, 1));
    assert.equal(error.code, status.NOT_FOUND);
    assert.equal(error.reason, 'PRODUCT_NOT_FOUND');
    assert.equal(error.domain, 'order-service');
    assert.match(error.message, new RegExp(id));
    assert.deepEqual(error.metadata, { product_id: id });
  });

  test('passes the correlation id on to product-service', async () => {
    const product = await createProduct(clients.catalog, 10);
    const requestId = `corr-${randomUUID()}`;
    await createOrder(clients.client, product.id, 1, requestId);
    const upstream = await services.products.waitForLog((line) => line['request_id'] === requestId);
    assert.deepEqual([upstream['method'], upstream['code']], ['reserveStock', 'OK']);
    const own = await services.orders.waitForLog((line) => line['request_id'] === requestId && line['msg'] === 'rpc');
    assert.equal(own['method'], 'createOrder');
  });

  test('serves grpc.health.v1 for the server and for OrderService', async () => {
    const health = createHealthClient(createChannel(services.orderAddr), services.orderAddr);
    try {
      assert.equal(await isServing(health, '', 2000), true);
      assert.equal(await isServing(health, 'ecommerce.order.v1.OrderService', 2000), true);
      assert.equal(await isServing(health, 'ecommerce.product.v1.ProductService', 2000), false);
    } finally {
      health.close();
    }
  });
});
