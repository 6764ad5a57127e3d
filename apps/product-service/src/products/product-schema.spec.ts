import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createCallContext } from '@ecommerce/grpc-kit';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { migrate, openDatabase, schemaDrift } from '@ecommerce/persistence';
import { STORES, WORKSPACE_ROOT, fixtureStore, tempStore } from '@ecommerce/testing';
import { productHandlers } from './product-handlers.js';
import { productSchema } from './product-schema.js';

// The schema has one source: the entities. The migrations must build exactly what they describe,
// and a store written by an earlier release must open, migrate and keep every row.
const V0_1_0 = join(WORKSPACE_ROOT, 'apps/product-service/test/fixtures/v0.1.0');

for (const store of STORES) describe(`product-service schema (${store})`, () => {
  test('the migrated schema equals the entities (MikroORM finds nothing to change)', async () => {
    const temp = await tempStore(store);
    const orm = await migrate(productSchema, temp.location);
    try {
      assert.equal(await schemaDrift(orm), '');
    } finally {
      await orm.close();
      await temp.drop();
    }
  });

  test('a store written by release 0.1.0 opens, migrates to the entities, and keeps its products', async () => {
    const fixture = await fixtureStore(store, { sqliteFile: join(V0_1_0, 'product-service.sqlite'), postgresDump: join(V0_1_0, 'postgres.sql') });
    try {
      const db = await openDatabase(productSchema, fixture.location);
      try {
        const { products } = await productHandlers(db, new IdempotencyKeys(db, { ttlMs: 60_000 })).listProducts({ pageSize: 100, pageToken: '' }, createCallContext());
        assert.deepEqual(products.map((p) => [p.name, p.description, p.price?.amountMinor, p.price?.currency, p.stock]), [
          ['Fixture Headphones', 'made by v0.1.0', '19999', 'USD', 5],
          ['Fixture Yen Mug', '', '500', 'JPY', undefined],
          ['Fixture Dinar Lamp', 'three decimals', '1234', 'KWD', 0],
        ]);
        assert.ok(products.every((p) => p.createTime instanceof Date && p.createTime.getUTCFullYear() === 2026));
      } finally {
        await db.close();
      }
      const orm = await migrate(productSchema, fixture.location);
      try {
        assert.equal(await schemaDrift(orm), '');
      } finally {
        await orm.close();
      }
    } finally {
      await fixture.drop();
    }
  });
});
