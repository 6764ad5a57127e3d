import { describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createCallContext } from '@ecommerce/grpc-kit';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { PageTokens } from '@ecommerce/paging';
import { migrate, openDatabase, schemaDrift } from '@ecommerce/persistence';
import { STORES, WORKSPACE_ROOT, fixtureStore, tempStore } from '@ecommerce/testing';
import { productHandlers } from './product-handlers.js';
import { productMigrations } from './migrations/index.js';
import { productSchema } from './product-schema.js';

const TEST_PAGE_TOKENS = new PageTokens('page tokens of these tests, 32 bytes or more');

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
        const { products } = await productHandlers(db, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens: TEST_PAGE_TOKENS }).listProducts({ pageSize: 100, pageToken: '' }, createCallContext());
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

  test('amounts stored before ISO 4217 minor units are rescaled: 500 whole forints become 50000 fillér', async () => {
    const temp = await tempStore(store, { reopenable: true });
    try {
      // The store as the releases that took minor units from Intl (HUF and IQD: 0 decimals) left it.
      const before = { ...productSchema, migrations: productMigrations.filter((m) => m.name < '0005') };
      const old = await openDatabase(before, temp.location);
      const insert = 'insert into product (id, name, description, price_minor, currency, stock, created_at, updated_at, version, stock_version) '
        + "values (?, ?, '', ?, ?, null, ?, ?, 1, 1)";
      const rows = [['HUF', 500], ['IQD', 7], ['USD', 1999], ['JPY', 500]] as const;
      const ids = rows.map(() => randomUUID());
      for (const [i, [currency, minor]] of rows.entries()) await old.run(insert, [ids[i], `Old ${currency}`, minor, currency, new Date(), new Date()]);
      await old.close();
      const db = await openDatabase(productSchema, temp.location);
      try {
        const handlers = productHandlers(db, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens: TEST_PAGE_TOKENS });
        const prices = await Promise.all(ids.map(async (id) => (await handlers.getProduct({ id }, createCallContext())).product?.price));
        assert.deepEqual(prices, [
          { amountMinor: '50000', currency: 'HUF' }, { amountMinor: '7000', currency: 'IQD' },
          { amountMinor: '1999', currency: 'USD' }, { amountMinor: '500', currency: 'JPY' },
        ]);
      } finally {
        await db.close();
      }
    } finally {
      await temp.drop();
    }
  });

  test('a stored amount that the rescale would take beyond the money bound stops the migration, and nothing changes', async () => {
    const temp = await tempStore(store, { reopenable: true });
    try {
      const before = { ...productSchema, migrations: productMigrations.filter((m) => m.name < '0005') };
      const old = await openDatabase(before, temp.location);
      const id = randomUUID();
      await old.run('insert into product (id, name, description, price_minor, currency, stock, created_at, updated_at, version, stock_version) '
        + "values (?, 'Castle', '', ?, 'HUF', null, ?, ?, 1, 1)", [id, 100_000_000_000_000, new Date(), new Date()]);
      await old.close();
      await assert.rejects(openDatabase(productSchema, temp.location), /would exceed 999999999999999/);
      const again = await openDatabase(before, temp.location);
      try {
        assert.equal((await again.get<{ price_minor: number }>('select price_minor from product where id = ?', [id]))?.price_minor, 100_000_000_000_000);
      } finally {
        await again.close();
      }
    } finally {
      await temp.drop();
    }
  });
});
