import { describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createCallContext } from '@ecommerce/grpc-kit';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { PageTokens } from '@ecommerce/paging';
import { migrate, openDatabase, schemaDrift } from '@ecommerce/persistence';
import { STORES, WORKSPACE_ROOT, fixtureStore, tempStore } from '@ecommerce/testing';
import { orderHandlers } from './order-handlers.js';
import { orderMigrations } from './migrations/index.js';
import { orderSchema } from './order-schema.js';
import { OrderStatus } from '@ecommerce/contracts';
import type { StockLedger } from './product-catalog.js';

const TEST_PAGE_TOKENS = new PageTokens('page tokens of these tests, 32 bytes or more');

// The schema has one source: the entities. The migrations must build exactly what they describe,
// and a store written by an earlier release must open, migrate and keep every row.
const V0_1_0 = join(WORKSPACE_ROOT, 'apps/order-service/test/fixtures/v0.1.0');
const noLedger: StockLedger = { reserve: () => Promise.reject(new Error('not used')), release: () => Promise.reject(new Error('not used')) };

for (const store of STORES) describe(`order-service schema (${store})`, () => {
  test('the migrated schema equals the entities (MikroORM finds nothing to change)', async () => {
    const temp = await tempStore(store);
    const orm = await migrate(orderSchema, temp.location);
    try {
      assert.equal(await schemaDrift(orm), '');
    } finally {
      await orm.close();
      await temp.drop();
    }
  });

  test('a store written by release 0.1.0 opens, migrates to the entities, and keeps its orders', async () => {
    const fixture = await fixtureStore(store, { sqliteFile: join(V0_1_0, 'order-service.sqlite'), postgresDump: join(V0_1_0, 'postgres.sql') });
    try {
      const db = await openDatabase(orderSchema, fixture.location);
      try {
        const { orders } = await orderHandlers(db, noLedger, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens: TEST_PAGE_TOKENS }, { leaseMs: 30_000 })
          .listOrders({ pageSize: 100, pageToken: '', productId: '', status: OrderStatus.ORDER_STATUS_UNSPECIFIED }, createCallContext());
        assert.deepEqual(orders.map((o) => [o.quantity, o.unitPrice, o.totalPrice]), [
          [2, { amountMinor: '19999', currency: 'USD' }, { amountMinor: '39998', currency: 'USD' }],
          [3, { amountMinor: '500', currency: 'JPY' }, { amountMinor: '1500', currency: 'JPY' }],
        ]);
        assert.ok(orders.every((o) => o.createTime instanceof Date && o.createTime.getUTCFullYear() === 2026));
      } finally {
        await db.close();
      }
      const orm = await migrate(orderSchema, fixture.location);
      try {
        assert.equal(await schemaDrift(orm), '');
      } finally {
        await orm.close();
      }
    } finally {
      await fixture.drop();
    }
  });

  test('amounts stored before ISO 4217 minor units are rescaled in both prices: HUF x100, IQD x1000', async () => {
    const temp = await tempStore(store, { reopenable: true });
    try {
      const before = { ...orderSchema, migrations: orderMigrations.filter((m) => m.name < '0004') };
      const old = await openDatabase(before, temp.location);
      const insert = 'insert into orders (id, product_id, quantity, unit_price_minor, total_price_minor, currency, status, created_at) '
        + "values (?, ?, ?, ?, ?, ?, 'CONFIRMED', ?)";
      const rows = [['HUF', 500, 2], ['IQD', 7, 3], ['USD', 1999, 2]] as const;
      const ids = rows.map(() => randomUUID());
      for (const [i, [currency, unit, quantity]] of rows.entries()) {
        await old.run(insert, [ids[i], randomUUID(), quantity, unit, unit * quantity, currency, new Date()]);
      }
      await old.close();
      const db = await openDatabase(orderSchema, temp.location);
      try {
        const handlers = orderHandlers(db, noLedger, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens: TEST_PAGE_TOKENS }, { leaseMs: 30_000 });
        const prices = await Promise.all(ids.map(async (id) => {
          const { order } = await handlers.getOrder({ id }, createCallContext());
          return [order?.unitPrice?.amountMinor, order?.totalPrice?.amountMinor];
        }));
        assert.deepEqual(prices, [['50000', '100000'], ['7000', '21000'], ['1999', '3998']]);
      } finally {
        await db.close();
      }
    } finally {
      await temp.drop();
    }
  });
});
