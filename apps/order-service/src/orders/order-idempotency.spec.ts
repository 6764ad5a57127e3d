import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { OrderStatus, type Order, type OrderServiceServer, type Product } from '@ecommerce/contracts';
import { CallerGoneError, REPLAYED_KEY, createCallContext, type AsyncService } from '@ecommerce/grpc-kit';
import { rpcFailure } from '@ecommerce/grpc-kit/test';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { PageTokens } from '@ecommerce/paging';
import { openDatabase, type Database } from '@ecommerce/persistence';
import { STORES, rejection, tempStore } from '@ecommerce/testing';
import pino from 'pino';
import { FakeLedger } from '../../test/fake-ledger.js';
import { orderHandlers } from './order-handlers.js';
import { orderSchema } from './order-schema.js';
import { Reconciler } from './reconciler.js';

const TEST_PAGE_TOKENS = new PageTokens('page tokens of these tests, 32 bytes or more');

// Keyed CreateOrder and CancelOrder in process, on each store, with product-service's ledger as an
// in-memory stand-in that can fail after reserving: what a key guarantees about orders and stock.
for (const store of STORES) describe(`OrderService idempotency keys (${store})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let handlers: AsyncService<OrderServiceServer>;
  const ledger = new FakeLedger();
  const LEASE_MS = 30_000;
  const place = async (productId: string, quantity: number, requestId: string, context = createCallContext()): Promise<Order> => {
    const { order } = await handlers.createOrder({ productId, quantity, requestId }, context);
    assert.ok(order);
    return order;
  };
  const ordersOf = async (product: Product) =>
    (await db.all<{ id: string }>('select id from orders where product_id = ?', [product.id])).map((row) => row.id);
  const available = (product: Product) => ledger.products.get(product.id)?.available;
  const reservationsOf = (product: Product) => [...ledger.reservations.values()].filter((r) => r.productId === product.id && !r.released);

  before(async () => {
    const temp = await tempStore(store);
    drop = temp.drop;
    db = await openDatabase(orderSchema, temp.location);
    handlers = orderHandlers(db, ledger, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens: TEST_PAGE_TOKENS }, { leaseMs: LEASE_MS });
  });
  after(async () => {
    await db?.close();
    await drop?.();
  });

  test('the same key and request again answer the same order, replayed, and reserve nothing more', async () => {
    const lamp = ledger.add(2500, 'EUR', 5);
    const key = randomUUID();
    const first = await place(lamp.id, 2, key);
    const context = createCallContext();
    assert.deepEqual(await place(lamp.id, 2, key, context), first);
    assert.deepEqual(context.responseMetadata.get(REPLAYED_KEY), ['true']);
    assert.deepEqual(await ordersOf(lamp), [first.id]);
    assert.equal(available(lamp), 3);
  });

  test('the same key with another request is IDEMPOTENCY_KEY_REUSED and reserves nothing', async () => {
    const lamp = ledger.add(2500, 'EUR', 5);
    const key = randomUUID();
    await place(lamp.id, 1, key);
    const error = await rpcFailure(handlers.createOrder({ productId: lamp.id, quantity: 2, requestId: key }, createCallContext()));
    assert.deepEqual([error.code, error.reason], [status.INVALID_ARGUMENT, 'IDEMPOTENCY_KEY_REUSED']);
    assert.equal(available(lamp), 4);
    assert.equal((await ordersOf(lamp)).length, 1);
  });

  test('a refusal is stored: INSUFFICIENT_STOCK is answered again, replayed, even after a restock', async () => {
    const rare = ledger.add(9900, 'USD', 1);
    const key = randomUUID();
    assert.equal((await rpcFailure(handlers.createOrder({ productId: rare.id, quantity: 2, requestId: key }, createCallContext()))).reason, 'INSUFFICIENT_STOCK');
    (ledger.products.get(rare.id) as { available: number }).available = 10;
    const context = createCallContext();
    const again = await rpcFailure(handlers.createOrder({ productId: rare.id, quantity: 2, requestId: key }, context));
    assert.equal(again.reason, 'INSUFFICIENT_STOCK');
    assert.deepEqual(context.responseMetadata.get(REPLAYED_KEY), ['true']);
    assert.deepEqual(await ordersOf(rare), []);
  });

  test('a timeout after product-service reserved: the retry with the key reuses the order id and takes stock once', async () => {
    const chair = ledger.add(15000, 'USD', 3);
    const key = randomUUID();
    ledger.failReserves.push('after');
    assert.equal((await rpcFailure(handlers.createOrder({ productId: chair.id, quantity: 2, requestId: key }, createCallContext()))).reason, 'PRODUCT_SERVICE_TIMEOUT');
    assert.equal(reservationsOf(chair).length, 1, 'kept for the retry, not released');
    const reservedFor = ledger.asked.at(-1)?.orderId;
    const order = await place(chair.id, 2, key);
    assert.equal(order.id, reservedFor, 'the same order id');
    assert.deepEqual([available(chair), reservationsOf(chair).length], [1, 1]);
    assert.deepEqual(await ordersOf(chair), [order.id]);
  });

  test('without a key, the same timeout gives the stock back and a retry is a new order', async () => {
    const chair = ledger.add(15000, 'USD', 3);
    ledger.failReserves.push('after');
    await rpcFailure(handlers.createOrder({ productId: chair.id, quantity: 2, requestId: '' }, createCallContext()));
    for (let i = 0; i < 50 && available(chair) !== 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(available(chair), 3, 'released in the background');
  });

  test('ten concurrent requests with one key make one order; the others replay it or are told IDEMPOTENCY_KEY_IN_USE', async () => {
    const desk = ledger.add(30000, 'USD', 10);
    const key = randomUUID();
    ledger.reserveDelayMs = 50;
    let outcomes;
    try {
      outcomes = await Promise.all(Array.from({ length: 10 }, () => handlers.createOrder({ productId: desk.id, quantity: 1, requestId: key }, createCallContext())
        .then((response) => response.order?.id, (error: { reason?: string }) => error.reason)));
    } finally {
      ledger.reserveDelayMs = 0;
    }
    const orders = await ordersOf(desk);
    assert.equal(orders.length, 1);
    assert.ok(outcomes.every((outcome) => outcome === orders[0] || outcome === 'IDEMPOTENCY_KEY_IN_USE'), String(outcomes));
    assert.equal(available(desk), 9);
    assert.equal(await place(desk.id, 1, key).then((order) => order.id), orders[0], 'afterwards, every retry replays it');
  });

  test('a caller gone before the confirm: nothing is confirmed; with a key its retry finishes the same order', async () => {
    const vase = ledger.add(4200, 'EUR', 4);
    const key = randomUUID();
    ledger.reserveDelayMs = 60;
    let gone;
    try {
      gone = await rejection(handlers.createOrder({ productId: vase.id, quantity: 1, requestId: key }, createCallContext({ deadline: Date.now() + 30 })));
      const unkeyed = await rejection(handlers.createOrder({ productId: vase.id, quantity: 1, requestId: '' }, createCallContext({ deadline: Date.now() + 30 })));
      assert.ok(unkeyed instanceof CallerGoneError && unkeyed.code === status.DEADLINE_EXCEEDED);
    } finally {
      ledger.reserveDelayMs = 0;
    }
    assert.ok(gone instanceof CallerGoneError && gone.code === status.DEADLINE_EXCEEDED, String(gone));
    assert.deepEqual(await ordersOf(vase), []);
    assert.equal(available(vase), 3, 'the keyed one is held for its retry; the unkeyed one went back');
    const order = await place(vase.id, 1, key);
    assert.deepEqual([await ordersOf(vase), available(vase)], [[order.id], 3]);
  });

  test('a key whose order the reconciler abandoned starts afresh: a new order id, stock taken once', async () => {
    const bike = ledger.add(99000, 'EUR', 2);
    const key = randomUUID();
    ledger.failReserves.push('after');
    await rpcFailure(handlers.createOrder({ productId: bike.id, quantity: 1, requestId: key }, createCallContext()));
    const abandonedId = ledger.asked.at(-1)?.orderId;
    const result = await new Reconciler(db, ledger, pino({ level: 'silent' }), { intervalMs: 60_000 }).sweep(new Date(Date.now() + LEASE_MS + 1000));
    assert.equal(result?.released, 1);
    assert.equal(available(bike), 2);
    const order = await place(bike.id, 1, key);
    assert.notEqual(order.id, abandonedId);
    assert.deepEqual([await ordersOf(bike), available(bike)], [[order.id], 1]);
  });

  test('CancelOrder with a key: a replay answers the cancelled order, replayed; another order with the key is REUSED', async () => {
    const cup = ledger.add(800, 'USD', 5);
    const placed = await place(cup.id, 2, randomUUID());
    const key = randomUUID();
    const first = await handlers.cancelOrder({ id: placed.id, requestId: key }, createCallContext());
    assert.equal(first.order?.status, OrderStatus.ORDER_STATUS_CANCELLED);
    const context = createCallContext();
    assert.deepEqual(await handlers.cancelOrder({ id: placed.id, requestId: key }, context), first);
    assert.deepEqual(context.responseMetadata.get(REPLAYED_KEY), ['true']);
    const other = await place(cup.id, 1, randomUUID());
    assert.equal((await rpcFailure(handlers.cancelOrder({ id: other.id, requestId: key }, createCallContext()))).reason, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(available(cup), 4, 'the first order\'s 2 back, the second\'s 1 still held');
  });
});
