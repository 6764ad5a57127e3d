import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { OrderStatus, type Order, type OrderServiceServer, type Product } from '@ecommerce/contracts';
import { createCallContext, notFound, type AsyncService, type CallContext } from '@ecommerce/grpc-kit';
import { MAX_MINOR_AMOUNT } from '@ecommerce/money';
import { encodePageToken } from '@ecommerce/paging';
import { openDatabase, type Database } from '@ecommerce/persistence';
import { rpcFailure } from '@ecommerce/grpc-kit/test';
import { STORES, tempStore } from '@ecommerce/testing';
import { orderHandlers } from './order-handlers.js';
import { orderSchema } from './order-schema.js';
import type { ProductLookup } from './product-catalog.js';

// The OrderService handlers in process, on each store, with the catalog as an in-memory stand-in
// for product-service (the real one, and its outages, are covered by the process tests).
class FakeCatalog implements ProductLookup {
  readonly products = new Map<string, Product>();
  readonly asked: { id: string; requestId: string }[] = [];

  add(amountMinor: number, currency = 'USD'): Product {
    const product: Product = {
      id: randomUUID(), name: `product ${amountMinor}`, description: '', price: { amountMinor: String(amountMinor), currency },
      stock: undefined, createTime: new Date(), updateTime: new Date(),
    };
    this.products.set(product.id, product);
    return product;
  }

  async getProduct(id: string, context: Pick<CallContext, 'requestId'>): Promise<Product> {
    this.asked.push({ id, requestId: context.requestId });
    const product = this.products.get(id);
    if (!product) throw notFound('PRODUCT_NOT_FOUND', 'product', id);
    return product;
  }
}

for (const store of STORES) describe(`OrderService handlers (${store})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let handlers: AsyncService<OrderServiceServer>;
  const catalog = new FakeCatalog();
  const p = {} as Record<'dime' | 'p1999' | 'yen' | 'max' | 'big', Product>;
  const order = async (productId: string, quantity: number, context = createCallContext()): Promise<Order> => {
    const { order: created } = await handlers.createOrder({ productId, quantity }, context);
    assert.ok(created);
    return created;
  };
  const list = (pageSize: number, pageToken = '') => handlers.listOrders({ pageSize, pageToken }, createCallContext());

  before(async () => {
    const temp = await tempStore(store);
    drop = temp.drop;
    db = await openDatabase(orderSchema, temp.location);
    handlers = orderHandlers(db, catalog);
    p.dime = catalog.add(10);
    p.p1999 = catalog.add(1999);
    p.yen = catalog.add(500, 'JPY');
    p.max = catalog.add(MAX_MINOR_AMOUNT);
    p.big = catalog.add(100_000_000_000_000);
  });
  after(async () => {
    await db?.close();
    await drop?.();
  });

  test('prices exactly in minor units: 0.10 x 3 = 0.30, 19.99 x 7 = 139.93, in the product\'s currency', async () => {
    const before = Date.now();
    const dimes = await order(p.dime.id, 3);
    assert.match(dimes.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([dimes.productId, dimes.quantity, dimes.status], [p.dime.id, 3, OrderStatus.ORDER_STATUS_CONFIRMED]);
    assert.deepEqual([dimes.unitPrice, dimes.totalPrice], [{ amountMinor: '10', currency: 'USD' }, { amountMinor: '30', currency: 'USD' }]);
    assert.ok(dimes.createTime && dimes.createTime.getTime() >= before);
    assert.deepEqual((await order(p.p1999.id, 7)).totalPrice, { amountMinor: '13993', currency: 'USD' });
    assert.deepEqual((await order(p.yen.id, 3)).totalPrice, { amountMinor: '1500', currency: 'JPY' });
  });

  test('accepts quantity 1 and 10000, an upper-case product id, and a total exactly at the money bound', async () => {
    assert.equal((await order(p.dime.id, 1)).totalPrice?.amountMinor, '10');
    assert.equal((await order(p.dime.id, 10_000)).totalPrice?.amountMinor, '100000');
    assert.equal((await order(p.dime.id.toUpperCase(), 2)).productId, p.dime.id);
    assert.deepEqual((await order(p.max.id, 1)).totalPrice, { amountMinor: String(MAX_MINOR_AMOUNT), currency: 'USD' });
  });

  test('a total beyond the bound is INVALID_ARGUMENT on quantity, naming the largest quantity allowed', async () => {
    for (const [product, quantity, max] of [[p.max, 2, 1], [p.big, 10, 9]] as const) {
      const error = await rpcFailure(order(product.id, quantity));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['quantity']);
      assert.match(error.fieldViolations[0]?.description ?? '', new RegExp(`at most ${max} for this product`));
    }
  });

  test('a malformed request is refused listing every bad field, without asking product-service', async () => {
    const asked = catalog.asked.length;
    for (const [productId, quantity, fields] of [
      [p.dime.id, 0, ['quantity']], [p.dime.id, -1, ['quantity']], [p.dime.id, 10_001, ['quantity']],
      ['not-a-uuid', 1, ['product_id']], ['', 0, ['product_id', 'quantity']],
    ] as const) {
      const error = await rpcFailure(order(productId, quantity));
      assert.equal(error.code, status.INVALID_ARGUMENT, `${productId} x ${quantity}`);
      assert.deepEqual(error.fieldViolations.map((v) => v.field), fields);
    }
    assert.equal(catalog.asked.length, asked, 'product-service was not asked');
  });

  test("an unknown product is product-service's NOT_FOUND, and nothing is stored", async () => {
    const before = (await list(100)).orders.length;
    const id = randomUUID();
    const error = await rpcFailure(order(id, 1));
    assert.equal(error.code, status.NOT_FOUND);
    assert.equal(error.reason, 'PRODUCT_NOT_FOUND');
    assert.deepEqual(error.metadata, { product_id: id });
    assert.equal((await list(100)).orders.length, before);
  });

  test("the caller's correlation id is what product-service is asked with", async () => {
    await order(p.dime.id, 1, createCallContext({ requestId: 'corr-42' }));
    assert.deepEqual(catalog.asked.at(-1), { id: p.dime.id, requestId: 'corr-42' });
  });

  test('GetOrder returns the stored order exactly; unknown is NOT_FOUND, malformed INVALID_ARGUMENT', async () => {
    const created = await order(p.p1999.id, 2);
    assert.deepEqual((await handlers.getOrder({ id: created.id }, createCallContext())).order, created);
    assert.deepEqual((await handlers.getOrder({ id: created.id.toUpperCase() }, createCallContext())).order, created);
    const id = randomUUID();
    const missing = await rpcFailure(handlers.getOrder({ id }, createCallContext()));
    assert.deepEqual([missing.code, missing.reason, missing.metadata], [status.NOT_FOUND, 'ORDER_NOT_FOUND', { order_id: id }]);
    assert.match(missing.message, new RegExp(id));
    for (const bad of ['', '42', `${randomUUID()}x`]) {
      const error = await rpcFailure(handlers.getOrder({ id: bad }, createCallContext()));
      assert.deepEqual([error.code, error.fieldViolations.map((v) => v.field)], [status.INVALID_ARGUMENT, ['id']], bad);
    }
  });

  test('ListOrders pages through every order exactly once, oldest first, 20 by default', async () => {
    for (let i = 1; i <= 25; i += 1) await order(i % 2 ? p.dime.id : p.p1999.id, i);
    const all = (await list(100)).orders;
    const seen: string[] = [];
    let token = '';
    do {
      const page = await list(4, token);
      assert.ok(page.orders.length <= 4);
      seen.push(...page.orders.map((o) => o.id));
      token = page.nextPageToken;
    } while (token !== '');
    assert.deepEqual(seen, all.map((o) => o.id));
    const first = await list(0);
    assert.deepEqual(first.orders, all.slice(0, 20));
    assert.notEqual(first.nextPageToken, '');
  });

  test('ListOrders refuses bad page sizes and malformed or foreign page tokens', async () => {
    for (const size of [-1, 101]) {
      assert.deepEqual((await rpcFailure(list(size))).fieldViolations.map((v) => v.field), ['page_size']);
    }
    for (const token of ['not a token', 'e30', encodePageToken('product', 1)]) {
      const error = await rpcFailure(list(5, token));
      assert.deepEqual([error.code, error.fieldViolations.map((v) => v.field)], [status.INVALID_ARGUMENT, ['page_token']], token);
    }
  });
});
