import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pino } from 'pino';
import { CancelOrderRequest, CreateOrderRequest, GetOrderRequest, ListOrdersRequest, OrderServiceService } from '@ecommerce/contracts';
import { createCallContext, implement, startGrpcServer, type RunningServer } from '@ecommerce/grpc-kit';
import { RawCaller, anyInt32, hostileCalls, hostileId, hostileText, lengthDelimited, sendHostileCalls, varintField } from '@ecommerce/grpc-kit/test';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { PageTokens } from '@ecommerce/paging';
import { openDatabase, type Database } from '@ecommerce/persistence';
import { DEMO_ORDERS, DEMO_PRODUCTS } from '@ecommerce/demo-data';
import { tableSnapshot, tempStore } from '@ecommerce/testing';
import { seedDemoOrders } from './demo-orders.js';
import { orderHandlers } from './order-handlers.js';
import { orderSchema } from './order-schema.js';
import { ProductCatalog } from './product-catalog.js';

// OrderService called directly over real gRPC (in process, on loopback) with 10,000 hostile calls.
// Its product-service address is a closed port: a hostile call that reached upstream would show
// as UNAVAILABLE and fail the property, as would any write getting through.
const RUNS = 10_000;
const WRITES = new Set(['createOrder', 'cancelOrder']);
const NOT_A_UUID = 'not-a-uuid';

describe('OrderService under hostile direct calls (fast-check)', { timeout: 180_000 }, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let server: RunningServer;
  let catalog: ProductCatalog;
  let caller: RawCaller;
  let pageToken = '';

  before(async () => {
    const temp = await tempStore('sqlite');
    drop = temp.drop;
    db = await openDatabase(orderSchema, temp.location);
    await seedDemoOrders(db);
    catalog = new ProductCatalog('127.0.0.1:1', 2000);
    const pageTokens = new PageTokens('page tokens of this suite, 32 bytes or more');
    const handlers = orderHandlers(db, catalog, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens }, { leaseMs: 5000 });
    const logger = pino({ level: 'silent' });
    server = await startGrpcServer({
      host: '127.0.0.1', port: 0, logger, drainTimeoutMs: 1000,
      services: [{ name: 'ecommerce.order.v1.OrderService', definition: OrderServiceService, implementation: implement(handlers, { logger, domain: 'order-service' }) }],
    });
    caller = new RawCaller(`127.0.0.1:${server.port}`);
    // Two orders, so that listing one at a time gives a genuine page token to tamper with.
    await db.run(
      'insert into orders (id, product_id, quantity, unit_price_minor, total_price_minor, currency, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      ['550e8400-e29b-41d4-a716-4466554400ff', DEMO_PRODUCTS[0]!.id, 1, 100, 100, 'USD', 'CANCELLED', new Date()],
    );
    pageToken = (await handlers.listOrders({ pageSize: 1, pageToken: '', productId: '', status: 0 }, createCallContext())).nextPageToken;
  });
  after(async () => {
    caller?.close();
    await server?.stop();
    catalog?.close();
    await db?.close();
    await drop?.();
  });

  test(`${RUNS} calls across every method: no INTERNAL, UNKNOWN or UNAVAILABLE, validation lists its fields, nothing written`, async () => {
    assert.ok(pageToken, 'the orders fill more than one page');
    const orderId = hostileId(DEMO_ORDERS.map((order) => order.id));
    const productId = hostileId(DEMO_PRODUCTS.map((product) => product.id));
    const token = fc.oneof(fc.constantFrom(pageToken, pageToken.slice(0, -2), `${pageToken}x`, pageToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), hostileText, fc.base64String({ maxLength: 60 }));
    const requestId = fc.oneof(fc.uuid(), hostileText);
    const calls = hostileCalls(OrderServiceService, {
      createOrder: {
        request: fc.record({ productId, quantity: anyInt32, requestId }).map((r) => CreateOrderRequest.fromPartial(r)),
        // a product id that is no UUID, a quantity of 0, -1 or over 10,000
        poisons: [lengthDelimited(1, NOT_A_UUID), varintField(2, 0), varintField(2, -1), varintField(2, 10_001)],
      },
      getOrder: { request: fc.record({ id: orderId }).map((r) => GetOrderRequest.fromPartial(r)) },
      listOrders: {
        request: fc.record({ pageSize: anyInt32, pageToken: token, productId: fc.oneof(fc.constant(''), productId), status: anyInt32 })
          .map((r) => ListOrdersRequest.fromPartial(r)),
      },
      cancelOrder: {
        request: fc.record({ id: orderId, requestId }).map((r) => CancelOrderRequest.fromPartial(r)),
        poisons: [lengthDelimited(1, NOT_A_UUID)],
      },
    });

    const before = await tableSnapshot(db);
    const failures = await sendHostileCalls(caller, calls, { suite: 'hostile OrderService calls', runs: RUNS, writes: WRITES });
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${RUNS} calls broke the contract`);
    assert.deepEqual(await tableSnapshot(db), before, 'no table changed');
  });
});
