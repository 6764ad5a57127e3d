import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { OrderStatus, type ListOrdersRequest, type Order, type OrderServiceServer, type Product } from '@ecommerce/contracts';
import { createCallContext, type AsyncService } from '@ecommerce/grpc-kit';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { PageTokens } from '@ecommerce/paging';
import { MAX_MINOR_AMOUNT } from '@ecommerce/money';
import pino from 'pino';
import { openDatabase, type Database } from '@ecommerce/persistence';
import { rpcFailure } from '@ecommerce/grpc-kit/test';
import { STORES, tempStore } from '@ecommerce/testing';
import { orderHandlers } from './order-handlers.js';
import { OrderIntents } from './order-intents.js';
import { orderSchema } from './order-schema.js';
import { Reconciler } from './reconciler.js';
import { FakeLedger } from '../../test/fake-ledger.js';

const TEST_PAGE_TOKENS = new PageTokens('page tokens of these tests, 32 bytes or more');

// The OrderService handlers in process, on each store, with product-service's stock ledger as an
// in-memory stand-in (the real one, and its outages, are covered by the process tests).
const silent = pino({ level: 'silent' });


for (const store of STORES) describe(`OrderService handlers (${store})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let handlers: AsyncService<OrderServiceServer>;
  const catalog = new FakeLedger();
  const p = {} as Record<'dime' | 'p1999' | 'yen' | 'max' | 'big', Product>;
  const order = async (productId: string, quantity: number, context = createCallContext()): Promise<Order> => {
    const { order: created } = await handlers.createOrder({ productId, quantity, requestId: '' }, context);
    assert.ok(created);
    return created;
  };
  const list = (pageSize: number, pageToken = '', filter: Partial<ListOrdersRequest> = {}) =>
    handlers.listOrders({ pageSize, pageToken, productId: '', status: OrderStatus.ORDER_STATUS_UNSPECIFIED, ...filter }, createCallContext());

  before(async () => {
    const temp = await tempStore(store);
    drop = temp.drop;
    db = await openDatabase(orderSchema, temp.location);
    handlers = orderHandlers(db, catalog, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens: TEST_PAGE_TOKENS }, { leaseMs: 30_000 });
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

  test("the caller's correlation id is what product-service is asked with, for the order's own id", async () => {
    const created = await order(p.dime.id, 1, createCallContext({ requestId: 'corr-42' }));
    assert.deepEqual(catalog.asked.at(-1), { method: 'reserve', orderId: created.id, requestId: 'corr-42' });
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
    for (const token of ['not a token', 'e30', TEST_PAGE_TOKENS.encode('product', 1), new PageTokens('another service\'s key, 32 bytes or more').encode('order:*:*', 1)]) {
      const error = await rpcFailure(list(5, token));
      assert.deepEqual([error.code, error.fieldViolations.map((v) => v.field)], [status.INVALID_ARGUMENT, ['page_token']], token);
    }
  });

  describe('stock, cancels, filters and the reconciler', () => {
    const cancel = (id: string) => handlers.cancelOrder({ id, requestId: '' }, createCallContext());
    const available = (product: Product) => catalog.products.get(product.id)?.available;
    const intents = async () => (await db.all<{ order_id: string; state: string }>('select order_id, state from order_intent order by created_at'));

    test('an order reserves its stock under its own id; INSUFFICIENT_STOCK passes through and stores nothing', async () => {
      const lamp = catalog.add(1999, 'USD', 3);
      const placed = await order(lamp.id, 2);
      assert.deepEqual([catalog.reservations.get(placed.id)?.quantity, available(lamp)], [2, 1]);
      const before = (await list(100)).orders.length;
      const error = await rpcFailure(order(lamp.id, 2));
      assert.deepEqual([error.code, error.reason, error.metadata['available']], [status.FAILED_PRECONDITION, 'INSUFFICIENT_STOCK', '1']);
      assert.equal((await list(100)).orders.length, before);
      assert.deepEqual(await intents(), [], 'no intent is left behind');
    });

    test('a total beyond the money bound, found once priced, gives the reservation back', async () => {
      const costly = catalog.add(MAX_MINOR_AMOUNT, 'USD', 10);
      const error = await rpcFailure(order(costly.id, 2));
      assert.equal(error.reason, 'VALIDATION_FAILED');
      assert.equal(available(costly), 10);
      assert.equal(catalog.asked.at(-1)?.method, 'release');
    });

    test('cancel: CONFIRMED -> CANCELLED, stock back exactly once even under 10 concurrent cancels; again is unchanged', async () => {
      const mug = catalog.add(1250, 'EUR', 5);
      const placed = await order(mug.id, 3);
      assert.equal(available(mug), 2);
      const results = await Promise.all(Array.from({ length: 10 }, () => cancel(placed.id)));
      assert.ok(results.every((r) => r.order?.status === OrderStatus.ORDER_STATUS_CANCELLED));
      assert.equal(available(mug), 5, 'released once: 2 + 3');
      const again = await cancel(placed.id);
      assert.deepEqual(again.order, results[0]?.order);
      assert.equal((await rpcFailure(cancel(randomUUID()))).reason, 'ORDER_NOT_FOUND');
      assert.deepEqual((await rpcFailure(cancel('nope'))).fieldViolations.map((v) => v.field), ['id']);
    });

    test('a cancel product-service cannot complete stays cancelled; the reconciler gives the stock back', async () => {
      const tea = catalog.add(1500, 'JPY', 4);
      const placed = await order(tea.id, 4);
      catalog.failReleases = 1;
      assert.equal((await rpcFailure(cancel(placed.id))).reason, 'PRODUCT_SERVICE_UNAVAILABLE');
      assert.equal((await handlers.getOrder({ id: placed.id }, createCallContext())).order?.status, OrderStatus.ORDER_STATUS_CANCELLED);
      assert.equal(available(tea), 0);
      const result = await new Reconciler(db, catalog, silent, { intervalMs: 60_000 }).sweep();
      assert.equal(result?.cancelled, 1);
      assert.equal(available(tea), 4);
    });

    test('the reconciler releases the stock of an intent that outlived its lease (a crash before the confirm)', async () => {
      const pen = catalog.add(300, 'USD', 10);
      const orderId = randomUUID();
      await new OrderIntents(db).record(orderId, pen.id, 6, 1000);
      await catalog.reserve(orderId, pen.id, 6, createCallContext());
      assert.equal(available(pen), 4);
      const reconciler = new Reconciler(db, catalog, silent, { intervalMs: 60_000 });
      assert.deepEqual(await reconciler.sweep(new Date()), { abandoned: 0, released: 0, cancelled: 0 }, 'not before its lease is over');
      assert.deepEqual(await reconciler.sweep(new Date(Date.now() + 2000)), { abandoned: 1, released: 1, cancelled: 0 });
      assert.equal(available(pen), 10);
      assert.deepEqual(await intents(), []);
      assert.equal((await rpcFailure(handlers.getOrder({ id: orderId }, createCallContext()))).reason, 'ORDER_NOT_FOUND');
    });

    test('ListOrders filters by product and status; a page token is refused under another filter', async () => {
      const a = catalog.add(100, 'USD', null);
      const b = catalog.add(200, 'USD', null);
      const mine = [await order(a.id, 1), await order(a.id, 2), await order(a.id, 3), await order(b.id, 1)];
      await cancel(mine[1]!.id);
      const ofA = await list(100, '', { productId: a.id.toUpperCase() });
      assert.deepEqual(ofA.orders.map((o) => o.id), mine.slice(0, 3).map((o) => o.id));
      const cancelledOfA = await list(100, '', { productId: a.id, status: OrderStatus.ORDER_STATUS_CANCELLED });
      assert.deepEqual(cancelledOfA.orders.map((o) => o.id), [mine[1]!.id]);
      const page = await list(1, '', { productId: a.id });
      assert.notEqual(page.nextPageToken, '');
      assert.equal((await list(1, page.nextPageToken, { productId: a.id })).orders[0]?.id, mine[1]!.id);
      for (const other of [{}, { productId: b.id }, { productId: a.id, status: OrderStatus.ORDER_STATUS_CONFIRMED }]) {
        const error = await rpcFailure(list(1, page.nextPageToken, other));
        assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_token'], JSON.stringify(other));
      }
      const invalid = await rpcFailure(list(1, '', { productId: 'nope', status: 99 as OrderStatus }));
      assert.deepEqual(invalid.fieldViolations.map((v) => v.field), ['product_id', 'status']);
    });
  });
});
