import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Order } from '@ecommerce/contracts';
import { openDatabase } from '@ecommerce/persistence';
import { createOrder, createProduct, getOrder, listOrders, orderClient } from '../test/clients.js';
import { startOrderService, startPlatform, type Platform } from '../test/processes.js';
import { OrderEntity } from './orders/order.entity.js';
import { orderMigrations } from './orders/migrations/0001-create-order.js';

// Orders are durable: they survive a graceful order-service restart on the same data directory, and
// starting again re-runs no migration.
describe('order-service restart', { timeout: 120_000 }, () => {
  let platform: Platform;
  let reorderId = '';
  const placed: Order[] = [];
  const orderDir = () => join(platform.dataDir, 'order');

  before(async () => {
    platform = await startPlatform();
    const cheap = await createProduct(platform.catalog, 10);
    const dear = await createProduct(platform.catalog, 1999);
    reorderId = dear.id;
    for (const [productId, quantity] of [[cheap.id, 3], [dear.id, 7], [cheap.id, 10_000]] as const) {
      placed.push(await createOrder(platform.client, productId, quantity));
    }
  });

  after(() => platform?.stop());

  test('stops gracefully on SIGTERM: exit code 0 after closing', async () => {
    assert.equal(await platform.orders.stop(), 0);
    const messages = platform.orders.logs.map((line) => line['msg']);
    assert.ok(messages.includes('shutting down'));
    assert.ok(messages.includes('stopped'));
  });

  test('orders survive a restart unchanged, and new ones follow them', async () => {
    platform.orders = await startOrderService(orderDir(), platform.products.port);
    platform.client.close();
    platform.client = orderClient(platform.orders.port);
    for (const order of placed) {
      assert.deepEqual((await getOrder(platform.client, order.id)).order, order);
    }
    assert.deepEqual((await listOrders(platform.client, 100)).orders, placed);
    const added = await createOrder(platform.client, reorderId, 1);
    const ids = (await listOrders(platform.client, 100)).orders.map((o) => o.id);
    assert.deepEqual(ids, [...placed.map((o) => o.id), added.id]);
    assert.equal(await platform.orders.stop('SIGINT'), 0);
  });

  test('migrations are recorded once and re-running them is a no-op', async () => {
    // The same call main.ts makes at start, a third time on the same file.
    const orm = await openDatabase({
      sqlitePath: join(orderDir(), 'order-service.sqlite'),
      entities: [OrderEntity],
      migrations: orderMigrations,
    });
    try {
      const migrator = orm.getMigrator();
      assert.deepEqual((await migrator.getExecutedMigrations()).map((m) => m.name), ['0001-create-order']);
      assert.deepEqual(await migrator.getPendingMigrations(), []);
      assert.equal(await orm.em.fork().count(OrderEntity), placed.length + 1);
    } finally {
      await orm.close();
    }
  });
});
