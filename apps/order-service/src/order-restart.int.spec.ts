import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Order } from '@ecommerce/contracts';
import { migrate } from '@ecommerce/persistence';
import { startServices, type Services } from '@ecommerce/testing';
import { connectClients, createOrder, createProduct, getOrder, listOrders, type ServiceClients } from '../test/clients.js';
import { OrderEntity } from './orders/order.entity.js';
import { orderSchema } from './orders/order-schema.js';

// Orders are durable: they survive a graceful order-service restart on the same data directory, and
// starting again re-runs no migration.
describe('order-service restart', { timeout: 120_000 }, () => {
  let services: Services;
  let clients: ServiceClients;
  let reorderId = '';
  const placed: Order[] = [];

  before(async () => {
    services = await startServices();
    clients = connectClients(services.products.port, services.orders.port);
    const cheap = await createProduct(clients.catalog, 10);
    const dear = await createProduct(clients.catalog, 1999);
    reorderId = dear.id;
    for (const [productId, quantity] of [[cheap.id, 3], [dear.id, 7], [cheap.id, 10_000]] as const) {
      placed.push(await createOrder(clients.client, productId, quantity));
    }
  });

  after(async () => {
    clients?.close();
    await services?.stop();
  });

  test('stops gracefully on SIGTERM: exit code 0 after closing', async () => {
    assert.equal(await services.orders.stop(), 0);
    const messages = services.orders.logs.map((line) => line['msg']);
    assert.ok(messages.includes('shutting down'));
    assert.ok(messages.includes('stopped'));
  });

  test('orders survive a restart unchanged, and new ones follow them', async () => {
    clients.reconnect({ order: (await services.restart('orders')).port });
    for (const order of placed) {
      assert.deepEqual((await getOrder(clients.client, order.id)).order, order);
    }
    assert.deepEqual((await listOrders(clients.client, 100)).orders, placed);
    const added = await createOrder(clients.client, reorderId, 1);
    const ids = (await listOrders(clients.client, 100)).orders.map((o) => o.id);
    assert.deepEqual(ids, [...placed.map((o) => o.id), added.id]);
    assert.equal(await services.orders.stop('SIGINT'), 0);
  });

  test('migrations are recorded once and re-running them is a no-op', async () => {
    // The same call main.ts makes at start, a third time on the same file.
    const orm = await migrate(orderSchema, { sqlitePath: join(services.dataDir, 'order', 'order-service.sqlite') });
    try {
      const migrator = orm.getMigrator();
      assert.deepEqual((await migrator.getExecutedMigrations()).map((m) => m.name), orderSchema.migrations.map((m) => m.name));
      assert.deepEqual(await migrator.getPendingMigrations(), []);
      assert.equal(await orm.em.fork().count(OrderEntity), placed.length + 1);
    } finally {
      await orm.close();
    }
  });
});
