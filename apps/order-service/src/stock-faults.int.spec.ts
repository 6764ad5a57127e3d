import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { status } from '@grpc/grpc-js';
import { callUnary } from '@ecommerce/grpc-kit';
import { grpcFailure } from '@ecommerce/grpc-kit/test';
import { POSTGRES_ADMIN_URL, STORES, createTempPostgresDatabase, runSql, startServices, waitFor, type Services } from '@ecommerce/testing';
import { CLIENT_TIMEOUT_MS, connectClients, createOrder, listOrders, type ServiceClients } from '../test/clients.js';

// Faults between the two services, injected from outside the code: the order write failing after
// the stock was reserved (a revoked INSERT on PostgreSQL, a write lock held on the SQLite file),
// and order-service killed between reserving and confirming. Stock is never lost.
for (const store of STORES) describe(`stock under faults (${store})`, { timeout: 120_000 }, () => {
  let services: Services;
  let clients: ServiceClients;
  const cleanup: (() => Promise<void>)[] = [];
  let role = '';
  let databaseUrl = '';

  const createProduct = async (stock: number) => {
    const { product } = await callUnary(clients.catalog.createProduct.bind(clients.catalog),
      { name: 'Fragile vase', description: '', price: { amountMinor: '4200', currency: 'EUR' }, stock, requestId: '' }, { timeoutMs: CLIENT_TIMEOUT_MS });
    return product!.id;
  };
  const stockOf = async (productId: string) =>
    (await callUnary(clients.catalog.getStock.bind(clients.catalog), { productId }, { timeoutMs: CLIENT_TIMEOUT_MS })).stock?.stock;
  const ordersOf = async () => (await listOrders(clients.client, 100)).orders.length;

  before(async () => {
    let orderEnv: Record<string, string> = {};
    let productEnv: Record<string, string> = {};
    if (store === 'postgresql') {
      const database = await createTempPostgresDatabase();
      // order-service runs as a role of its own, so the test can take a privilege away from it.
      role = `order_app_${randomBytes(4).toString('hex')}`;
      await runSql(POSTGRES_ADMIN_URL, `create role ${role} login; grant all on database ${new URL(database.url).pathname.slice(1)} to ${role};`);
      const url = new URL(database.url);
      url.username = role;
      databaseUrl = database.url;
      cleanup.push(async () => {
        await database.drop();
        await runSql(POSTGRES_ADMIN_URL, `drop role if exists ${role}`);
      });
      orderEnv = { ORDER_DATABASE_URL: url.toString() };
      productEnv = { PRODUCT_DATABASE_URL: database.url };
    }
    services = await startServices({
      productEnv,
      orderEnv: { ...orderEnv, ORDER_INTENT_LEASE_MS: '1000', RECONCILE_INTERVAL_MS: '200', PRODUCT_CALL_TIMEOUT_MS: '10000' },
    });
    clients = connectClients(services.products.port, services.orders.port);
  });
  after(async () => {
    clients?.close();
    await services?.stop();
    for (const step of cleanup) await step();
  });

  test('when the order cannot be recorded after its stock was reserved, the reservation is released', async () => {
    const productId = await createProduct(5);
    const before = await ordersOf();
    let restore: () => Promise<void>;
    let attempt: Promise<unknown>;
    if (store === 'postgresql') {
      await runSql(databaseUrl, `revoke insert on order_service.orders from ${role}`);
      restore = () => runSql(databaseUrl, `grant insert on order_service.orders to ${role}`);
      attempt = createOrder(clients.client, productId, 2);
    } else {
      // Hold SQLite's write lock from outside once the intent is recorded and the reservation is on
      // its way (product-service frozen), so that exactly the confirming write fails.
      services.products.pause();
      attempt = createOrder(clients.client, productId, 2, 'locked-confirm');
      await services.orders.waitForLog((line) => line['request_id'] === 'locked-confirm' && line['msg'] === 'order intent recorded');
      const lock = new Database(join(services.dataDir, 'order', 'order-service.sqlite'));
      lock.exec('BEGIN IMMEDIATE');
      services.products.resume();
      let held = true;
      restore = async () => {
        if (!held) return;
        held = false;
        lock.exec('ROLLBACK');
        lock.close();
      };
      // order-service waits for the lock up to its busy timeout (5 s), then fails the confirm and
      // releases the stock; the lock goes as soon as product-service has released it, so that the
      // next write (removing the intent) finds the store free. Not on a timer: on a loaded machine
      // the confirm may start waiting late and a timer could let it through.
      void services.products.waitForLog((line) => line['request_id'] === 'locked-confirm' && line['msg'] === 'rpc'
        && String(line['method']).toLowerCase() === 'releasestock', 30_000).then(() => restore(), () => restore());
    }
    const error = await grpcFailure(attempt);
    assert.ok([status.INTERNAL, status.DEADLINE_EXCEEDED].includes(error.code), `failed with ${status[error.code]}`);
    await restore();
    assert.equal(await waitFor(async () => (await stockOf(productId)) === 5 && 5, { timeoutMs: 15_000, what: 'the stock to come back' }), 5);
    assert.equal(await ordersOf(), before, 'no order was recorded');
    assert.equal((await createOrder(clients.client, productId, 2)).quantity, 2, 'orders work again once the fault is gone');
    assert.equal(await stockOf(productId), 3);
  });

  test('order-service killed between reserving and confirming: the reconciler gives the stock back after a restart', async () => {
    const productId = await createProduct(5);
    const before = await ordersOf();
    services.products.pause();
    const attempt = createOrder(clients.client, productId, 3, 'crash-between').catch((error: unknown) => error);
    await services.orders.waitForLog((line) => line['request_id'] === 'crash-between' && line['msg'] === 'order intent recorded');
    // Freeze order-service, let product-service reserve and answer into its socket, then kill it
    // before it can read the answer and confirm.
    services.orders.pause();
    services.products.resume();
    await services.products.waitForLog((line) => line['request_id'] === 'crash-between' && line['method'] === 'reserveStock' && line['code'] === 'OK');
    await services.orders.stop('SIGKILL');
    assert.ok(await attempt, 'the caller saw the order fail');
    assert.equal(await stockOf(productId), 2, 'reserved');
    clients.reconnect({ order: (await services.restart('orders')).port });
    assert.equal(await ordersOf(), before, 'no order holds the reservation');
    assert.equal(await waitFor(async () => (await stockOf(productId)) === 5 && 5, { timeoutMs: 15_000, what: 'the reconciler to release the stock' }), 5);
    assert.equal(await ordersOf(), before);
    await services.orders.waitForLog((line) => line['msg'] === 'abandoned order intent: reservation released');
  });
});
