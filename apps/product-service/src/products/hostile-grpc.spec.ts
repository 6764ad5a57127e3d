import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pino } from 'pino';
import {
  CreateProductRequest, DeleteProductRequest, GetProductRequest, GetStockRequest, ListProductsRequest, ProductServiceService,
  ReleaseStockRequest, ReserveStockRequest, SetStockRequest, UpdateProductRequest,
} from '@ecommerce/contracts';
import { createCallContext, implement, startGrpcServer, type RunningServer } from '@ecommerce/grpc-kit';
import {
  RawCaller, anyInt32, anyInt64, hostileCalls, hostileEtags, hostileId, hostileText, lengthDelimited, sendHostileCalls, varintField,
} from '@ecommerce/grpc-kit/test';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { PageTokens } from '@ecommerce/paging';
import { openDatabase, type Database } from '@ecommerce/persistence';
import { DEMO_ORDERS, DEMO_PRODUCTS } from '@ecommerce/demo-data';
import { tableSnapshot, tempStore } from '@ecommerce/testing';
import { seedDemoCatalog } from './demo-catalog.js';
import { productHandlers } from './product-handlers.js';
import { productSchema } from './product-schema.js';

// ProductService called directly over real gRPC (in process, on loopback) with 10,000 hostile
// calls: every answer is a caller's error with its reason, or a read's answer, and nothing is written.
const RUNS = 10_000;
const WRITES = new Set(['createProduct', 'updateProduct', 'deleteProduct', 'setStock', 'reserveStock', 'releaseStock']);
const NOT_A_UUID = 'not-a-uuid';

describe('ProductService under hostile direct calls (fast-check)', { timeout: 180_000 }, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let server: RunningServer;
  let caller: RawCaller;
  let pageToken = '';

  before(async () => {
    const temp = await tempStore('sqlite');
    drop = temp.drop;
    db = await openDatabase(productSchema, temp.location);
    await seedDemoCatalog(db);
    const pageTokens = new PageTokens('page tokens of this suite, 32 bytes or more');
    const handlers = productHandlers(db, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens });
    const logger = pino({ level: 'silent' });
    server = await startGrpcServer({
      host: '127.0.0.1', port: 0, logger, drainTimeoutMs: 1000,
      services: [{ name: 'ecommerce.product.v1.ProductService', definition: ProductServiceService, implementation: implement(handlers, { logger, domain: 'product-service' }) }],
    });
    caller = new RawCaller(`127.0.0.1:${server.port}`);
    pageToken = (await handlers.listProducts({ pageSize: 1, pageToken: '' }, createCallContext())).nextPageToken;
  });
  after(async () => {
    caller?.close();
    await server?.stop();
    await db?.close();
    await drop?.();
  });

  test(`${RUNS} calls across every method: no INTERNAL or UNKNOWN, validation lists its fields, nothing written`, async () => {
    assert.ok(pageToken, 'the demo catalog has a second page');
    const ids = DEMO_PRODUCTS.map((product) => product.id);
    const id = hostileId(ids);
    const orderId = hostileId(DEMO_ORDERS.map((order) => order.id));
    const money = fc.record({ amountMinor: fc.oneof(anyInt64, fc.constantFrom('1', '0', '-1')), currency: fc.oneof(fc.constantFrom('USD', 'JPY', 'usd', 'XXX', ''), hostileText) });
    const stock = fc.option(anyInt32, { nil: undefined });
    const product = fc.record({ id, name: hostileText, description: hostileText, price: fc.option(money, { nil: undefined }), stock });
    const mask = fc.array(fc.oneof(fc.constantFrom('name', 'description', 'price', 'stock', 'id', 'etag', 'price.currency'), hostileText), { maxLength: 5 });
    const token = fc.oneof(fc.constantFrom(pageToken, pageToken.slice(0, -2), `${pageToken}x`, pageToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))), hostileText, fc.base64String({ maxLength: 60 }));
    const requestId = fc.oneof(fc.uuid(), hostileText);
    const poisonText = lengthDelimited(1, NOT_A_UUID);

    const calls = hostileCalls(ProductServiceService, {
      createProduct: {
        request: fc.record({ name: hostileText, description: hostileText, price: fc.option(money, { nil: undefined }), stock, requestId }).map((r) => CreateProductRequest.fromPartial(r)),
        // an empty name, a negative price, a lower-case currency, a negative stock
        poisons: [lengthDelimited(1, ''), lengthDelimited(3, varintField(1, -1)), lengthDelimited(3, lengthDelimited(2, 'usd')), varintField(4, -1)],
      },
      getProduct: { request: fc.record({ id }).map((r) => GetProductRequest.fromPartial(r)) },
      listProducts: { request: fc.record({ pageSize: anyInt32, pageToken: token }).map((r) => ListProductsRequest.fromPartial(r)) },
      updateProduct: {
        request: fc.record({ product: fc.option(product, { nil: undefined }), updateMask: mask, etags: hostileEtags, requestId }).map((r) => UpdateProductRequest.fromPartial(r)),
        // a product id that is no UUID, a mask naming the id
        poisons: [lengthDelimited(1, poisonText), lengthDelimited(2, lengthDelimited(1, 'id'))],
      },
      deleteProduct: {
        request: fc.record({ id, etags: hostileEtags }).map((r) => DeleteProductRequest.fromPartial(r)),
        poisons: [poisonText, lengthDelimited(2, 'no-quotes')],
      },
      getStock: { request: fc.record({ productId: id }).map((r) => GetStockRequest.fromPartial(r)) },
      setStock: {
        request: fc.record({ productId: id, stock, etags: hostileEtags }).map((r) => SetStockRequest.fromPartial(r)),
        poisons: [poisonText, varintField(2, -1)],
      },
      reserveStock: {
        request: fc.record({ orderId, productId: id, quantity: anyInt32 }).map((r) => ReserveStockRequest.fromPartial(r)),
        poisons: [poisonText, lengthDelimited(2, NOT_A_UUID), varintField(3, 0), varintField(3, 10_001)],
      },
      releaseStock: { request: fc.record({ orderId }).map((r) => ReleaseStockRequest.fromPartial(r)), poisons: [poisonText] },
    });

    const before = await tableSnapshot(db);
    const failures = await sendHostileCalls(caller, calls, { suite: 'hostile ProductService calls', runs: RUNS, writes: WRITES });
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${RUNS} calls broke the contract`);
    assert.deepEqual(await tableSnapshot(db), before, 'no table changed');
  });
});
