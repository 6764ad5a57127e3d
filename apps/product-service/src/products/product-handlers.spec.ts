import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { CreateProductRequest, Product, ProductServiceServer } from '@ecommerce/contracts';
import { createCallContext, type AsyncService } from '@ecommerce/grpc-kit';
import { IdempotencyKeys } from '@ecommerce/idempotency';
import { PageTokens } from '@ecommerce/paging';
import { openDatabase, type Database } from '@ecommerce/persistence';
import { rpcFailure } from '@ecommerce/grpc-kit/test';
import { STORES, tempStore } from '@ecommerce/testing';
import { productHandlers } from './product-handlers.js';
import { productSchema } from './product-schema.js';

const TEST_PAGE_TOKENS = new PageTokens('page tokens of these tests, 32 bytes or more');

// The ProductService handlers in process, on each store (SQLite in memory, a fresh PostgreSQL
// database), called with a literal call context: what the server runs, without the network.
const headphones: CreateProductRequest = {
  name: 'Wireless Headphones',
  description: 'High-quality wireless headphones with noise cancellation',
  price: { amountMinor: '19999', currency: 'USD' },
  stock: undefined,
  requestId: '',
};

for (const store of STORES) describe(`ProductService handlers (${store})`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let handlers: AsyncService<ProductServiceServer>;
  const context = () => createCallContext();
  const create = async (request: CreateProductRequest): Promise<Product> => {
    const { product } = await handlers.createProduct(request, context());
    assert.ok(product);
    return product;
  };
  const list = (pageSize: number, pageToken = '') => handlers.listProducts({ pageSize, pageToken }, context());

  before(async () => {
    const temp = await tempStore(store);
    drop = temp.drop;
    db = await openDatabase(productSchema, temp.location);
    handlers = productHandlers(db, { keys: new IdempotencyKeys(db, { ttlMs: 60_000 }), pageTokens: TEST_PAGE_TOKENS });
  });
  after(async () => {
    await db?.close();
    await drop?.();
  });

  test('CreateProduct stores exact money and GetProduct returns it unchanged', async () => {
    const product = await create({ ...headphones, stock: 5 });
    assert.match(product.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(product.price, { amountMinor: '19999', currency: 'USD' });
    assert.equal(product.stock, 5);
    assert.ok(product.createTime instanceof Date && product.createTime.getTime() === product.updateTime?.getTime());
    assert.deepEqual((await handlers.getProduct({ id: product.id }, context())).product, product);
    assert.deepEqual((await handlers.getProduct({ id: product.id.toUpperCase() }, context())).product, product);
  });

  test('stock is absent when not tracked, the currency defaults to USD, text is stored as sent', async () => {
    const text = { name: `it's "quoted" ; drop table product; --`, description: 'tab\tnew\nline ünïcödé 🎧' };
    const product = await create({ ...headphones, ...text, price: { amountMinor: '500', currency: '' } });
    assert.equal(product.stock, undefined);
    assert.equal(product.price?.currency, 'USD');
    const fetched = (await handlers.getProduct({ id: product.id }, context())).product;
    assert.deepEqual([fetched?.name, fetched?.description], [text.name, text.description]);
  });

  test('CreateProduct validates before storing: INVALID_ARGUMENT listing every bad field', async () => {
    const before = (await list(100)).products.length;
    const error = await rpcFailure(handlers.createProduct({ ...headphones, name: '', price: { amountMinor: '-1', currency: 'usd' } }, context()));
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'VALIDATION_FAILED');
    assert.deepEqual(error.fieldViolations.map((v) => v.field), ['name', 'price.amount_minor', 'price.currency']);
    assert.equal((await list(100)).products.length, before, 'nothing was written');
  });

  test('a NUL or control character in the text is INVALID_ARGUMENT on its field, on every store, and nothing is written', async () => {
    const before = (await list(100)).products.length;
    for (const [field, value] of [['name', 'nul\u0000byte'], ['description', 'nul\u0000byte'], ['name', 'esc\u001b']] as const) {
      const error = await rpcFailure(handlers.createProduct({ ...headphones, [field]: value }, context()));
      assert.deepEqual([error.code, error.fieldViolations.map((v) => v.field)], [status.INVALID_ARGUMENT, [field]]);
    }
    assert.equal((await list(100)).products.length, before);
  });

  test('GetProduct: an unknown id is NOT_FOUND naming it, a malformed one INVALID_ARGUMENT', async () => {
    const missing = '0b7e2d4c-7a0e-4c1e-9a53-0d9f4b1e2c3a';
    const notFound = await rpcFailure(handlers.getProduct({ id: missing }, context()));
    assert.equal(notFound.code, status.NOT_FOUND);
    assert.equal(notFound.reason, 'PRODUCT_NOT_FOUND');
    assert.match(notFound.message, new RegExp(missing));
    assert.deepEqual(notFound.metadata, { product_id: missing });
    const malformed = await rpcFailure(handlers.getProduct({ id: 'not-a-uuid' }, context()));
    assert.equal(malformed.code, status.INVALID_ARGUMENT);
    assert.deepEqual(malformed.fieldViolations.map((v) => v.field), ['id']);
  });

  test('ListProducts pages in insertion order, each product exactly once while products are added', async () => {
    const before = (await list(100)).products;
    const created: Product[] = [];
    for (let i = 0; i < 5; i += 1) created.push(await create({ ...headphones, name: `Paged ${i}` }));
    const seen: string[] = [];
    let page = await list(2);
    let added = 0;
    for (;;) {
      seen.push(...page.products.map((p) => p.id));
      if (added < 2) created.push(await create({ ...headphones, name: `Added while paging ${added++}` }));
      if (page.nextPageToken === '') break;
      page = await list(2, page.nextPageToken);
    }
    assert.deepEqual(seen, [...before.map((p) => p.id), ...created.map((p) => p.id)]);
  });

  test('ListProducts defaults to 20 per page and refuses bad page sizes and foreign tokens', async () => {
    for (let i = 0; i < 21; i += 1) await create({ ...headphones, name: `Bulk ${i}` });
    const first = await list(0);
    assert.equal(first.products.length, 20);
    assert.notEqual(first.nextPageToken, '');
    for (const size of [-1, 101]) {
      const error = await rpcFailure(list(size));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_size']);
    }
    const edited = (await list(1)).nextPageToken.replace(/^[^.]+/, Buffer.from(JSON.stringify({ v: 1, k: 'product', a: 3 })).toString('base64url'));
    for (const token of [TEST_PAGE_TOKENS.encode('order', 1), new PageTokens('another deployment\'s key, 32 bytes+').encode('product', 1), edited, 'garbage!']) {
      const error = await rpcFailure(list(10, token));
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_token']);
    }
  });

  describe('updates, deletes and entity-tags', () => {
    const update = (product: Partial<Product> & { id: string }, updateMask: string[], etags: string[] = []) =>
      handlers.updateProduct({ product: product as Product, updateMask, etags, requestId: '' }, context());

    test('UpdateProduct changes only the masked fields and moves the etag; stock alone leaves it', async () => {
      const created = await create({ ...headphones, stock: 5 });
      assert.equal(created.etag, '"1"');
      const { product: renamed } = await update({ id: created.id, name: 'Renamed', description: 'ignored: not in the mask' }, ['name']);
      assert.deepEqual([renamed?.name, renamed?.description, renamed?.price, renamed?.etag], ['Renamed', headphones.description, headphones.price, '"2"']);
      assert.ok((renamed?.updateTime?.getTime() ?? 0) >= (created.updateTime?.getTime() ?? 0));
      const { stock: before } = await handlers.getStock({ productId: created.id }, context());
      const { product: restocked } = await update({ id: created.id, stock: 9 }, ['stock']);
      assert.equal(restocked?.etag, '"2"', 'a stock change is not a catalog change');
      const { stock: after } = await handlers.getStock({ productId: created.id }, context());
      assert.deepEqual([before?.stock, before?.etag, after?.stock, after?.etag], [5, '"stock-1"', 9, '"stock-2"']);
      const { product: untracked } = await update({ id: created.id }, ['stock']);
      assert.equal(untracked?.stock, undefined, 'a masked stock left absent means not tracked');
      const { product: repriced } = await update({ id: created.id, price: { amountMinor: '500', currency: 'JPY' } }, ['price']);
      assert.deepEqual([repriced?.price, repriced?.etag], [{ amountMinor: '500', currency: 'JPY' }, '"3"']);
    });

    test('a stale etag is FAILED_PRECONDITION (ETAG_MISMATCH) naming the current one, and nothing changes', async () => {
      const created = await create(headphones);
      await update({ id: created.id, name: 'First editor' }, ['name'], ['"1"']);
      const error = await rpcFailure(update({ id: created.id, name: 'Second editor' }, ['name'], ['"1"']));
      assert.deepEqual([error.code, error.reason, error.metadata['current_etag']], [status.FAILED_PRECONDITION, 'ETAG_MISMATCH', '"2"']);
      assert.equal((await handlers.getProduct({ id: created.id }, context())).product?.name, 'First editor');
      assert.equal((await update({ id: created.id, name: 'Any' }, ['name'], ['*'])).product?.etag, '"3"', '"*" matches any');
      assert.equal((await update({ id: created.id, name: 'Listed' }, ['name'], ['"1"', '"3"'])).product?.etag, '"4"', 'one of a list');
      assert.equal((await rpcFailure(update({ id: created.id, name: 'Weak' }, ['name'], ['W/"4"']))).reason, 'ETAG_MISMATCH', 'weak tags never match');
    });

    test('concurrent updates with the same etag: exactly one succeeds', async () => {
      const created = await create(headphones);
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) =>
        update({ id: created.id, name: `Editor ${i}` }, ['name'], [created.etag])));
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1);
      assert.ok(results.every((r) => r.status === 'fulfilled' || (r.reason as { reason?: string }).reason === 'ETAG_MISMATCH'));
      assert.equal((await handlers.getProduct({ id: created.id }, context())).product?.etag, '"2"');
    });

    test('DeleteProduct: gone from GetProduct and ListProducts; a second delete, or a stale etag, fails', async () => {
      const created = await create({ ...headphones, name: 'Doomed' });
      await update({ id: created.id, name: 'Doomed 2' }, ['name']);
      assert.equal((await rpcFailure(handlers.deleteProduct({ id: created.id, etags: ['"1"'] }, context()))).reason, 'ETAG_MISMATCH');
      assert.deepEqual(await handlers.deleteProduct({ id: created.id, etags: ['"2"'] }, context()), {});
      assert.equal((await rpcFailure(handlers.getProduct({ id: created.id }, context()))).reason, 'PRODUCT_NOT_FOUND');
      assert.equal((await list(100)).products.some((p) => p.id === created.id), false);
      assert.equal((await rpcFailure(handlers.deleteProduct({ id: created.id, etags: [] }, context()))).reason, 'PRODUCT_NOT_FOUND');
      assert.equal((await rpcFailure(update({ id: created.id, name: 'Zombie' }, ['name']))).reason, 'PRODUCT_NOT_FOUND');
      assert.equal((await rpcFailure(handlers.getStock({ productId: created.id }, context()))).reason, 'PRODUCT_NOT_FOUND');
    });

    test('SetStock has its own etag rule; a product etag does not pass for a stock one', async () => {
      const created = await create({ ...headphones, stock: 1 });
      const { stock } = await handlers.setStock({ productId: created.id, stock: 4, etags: ['"stock-1"'] }, context());
      assert.deepEqual([stock?.stock, stock?.etag], [4, '"stock-2"']);
      assert.equal((await rpcFailure(handlers.setStock({ productId: created.id, stock: 5, etags: ['"2"'] }, context()))).reason, 'ETAG_MISMATCH');
      assert.equal((await handlers.setStock({ productId: created.id, stock: undefined, etags: [] }, context())).stock?.stock, undefined);
      assert.equal((await handlers.getProduct({ id: created.id }, context())).product?.etag, '"1"', 'stock writes leave the product etag');
    });

    test('an update is validated like a create, listing every bad field; an unknown mask path is refused', async () => {
      const created = await create(headphones);
      const error = await rpcFailure(update({ id: created.id, name: ' ', price: { amountMinor: '0', currency: 'usd' }, stock: -1 }, ['name', 'price', 'stock'], ['nope']));
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['name', 'price.amount_minor', 'price.currency', 'stock', 'etags.0']);
      assert.deepEqual((await rpcFailure(update({ id: created.id }, ['name', 'colour']))).fieldViolations.map((v) => v.field), ['update_mask']);
      assert.deepEqual((await rpcFailure(update({ id: 'nope' }, ['name']))).fieldViolations.map((v) => v.field), ['product.id']);
      assert.equal((await handlers.getProduct({ id: created.id }, context())).product?.etag, '"1"', 'nothing changed');
    });
  });

  describe('stock reservations', () => {
    const reserve = (productId: string, quantity: number, orderId: string = randomUUID()) =>
      handlers.reserveStock({ orderId, productId, quantity }, context());
    const stockOf = async (productId: string) => (await handlers.getStock({ productId }, context())).stock?.stock;

    test('a reservation takes exactly its quantity in one step and prices the order; untracked stock is unlimited', async () => {
      const tracked = await create({ ...headphones, stock: 5 });
      const reserved = await reserve(tracked.id, 2);
      assert.deepEqual([reserved.product?.price, reserved.remaining], [headphones.price, 3]);
      assert.equal(await stockOf(tracked.id), 3);
      assert.equal((await handlers.getProduct({ id: tracked.id }, context())).product?.etag, '"1"', 'stock moves, the product etag does not');
      const untracked = await create(headphones);
      assert.equal((await reserve(untracked.id, 10_000)).remaining, undefined);
      assert.equal(await stockOf(untracked.id), undefined);
    });

    test('more than is available is refused whole: INSUFFICIENT_STOCK with the available quantity, nothing taken', async () => {
      const product = await create({ ...headphones, stock: 3 });
      const error = await rpcFailure(reserve(product.id, 4));
      assert.deepEqual([error.code, error.reason, error.metadata['available']], [status.FAILED_PRECONDITION, 'INSUFFICIENT_STOCK', '3']);
      assert.match(error.message, /3 available, 4 ordered/);
      assert.equal(await stockOf(product.id), 3);
      const none = await create({ ...headphones, stock: 0 });
      assert.equal((await rpcFailure(reserve(none.id, 1))).reason, 'INSUFFICIENT_STOCK');
    });

    test('reserving twice for one order takes stock once', async () => {
      const product = await create({ ...headphones, stock: 5 });
      const orderId = randomUUID();
      await reserve(product.id, 2, orderId);
      const again = await Promise.all([reserve(product.id, 2, orderId), reserve(product.id, 2, orderId)]);
      assert.deepEqual(again.map((r) => r.remaining), [3, 3]);
      assert.equal(await stockOf(product.id), 3);
    });

    test('20 concurrent orders of 1 against a stock of 5: exactly 5 reserve, and the stock ends at 0', async () => {
      const product = await create({ ...headphones, stock: 5 });
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => reserve(product.id, 1)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 5);
      assert.ok(results.every((r) => r.status === 'fulfilled' || (r.reason as { reason?: string }).reason === 'INSUFFICIENT_STOCK'));
      assert.equal(await stockOf(product.id), 0);
    });

    test('a release gives the units back once; releasing first makes a late reservation for that order take nothing', async () => {
      const product = await create({ ...headphones, stock: 5 });
      const orderId = randomUUID();
      await reserve(product.id, 4, orderId);
      const releases = await Promise.all(Array.from({ length: 5 }, () => handlers.releaseStock({ orderId }, context())));
      assert.deepEqual(releases.map((r) => r.released).sort(), [false, false, false, false, true]);
      assert.equal(await stockOf(product.id), 5);
      assert.equal((await rpcFailure(reserve(product.id, 1, orderId))).reason, 'RESERVATION_RELEASED');
      const never = randomUUID();
      assert.equal((await handlers.releaseStock({ orderId: never }, context())).released, false);
      assert.equal((await rpcFailure(reserve(product.id, 1, never))).reason, 'RESERVATION_RELEASED');
      assert.equal(await stockOf(product.id), 5);
    });

    test('a deleted or unknown product cannot be reserved; a bad request lists every field', async () => {
      const product = await create({ ...headphones, stock: 5 });
      await handlers.deleteProduct({ id: product.id, etags: [] }, context());
      assert.equal((await rpcFailure(reserve(product.id, 1))).reason, 'PRODUCT_NOT_FOUND');
      assert.equal((await rpcFailure(reserve(randomUUID(), 1))).reason, 'PRODUCT_NOT_FOUND');
      const invalid = await rpcFailure(handlers.reserveStock({ orderId: 'x', productId: 'y', quantity: 0 }, context()));
      assert.deepEqual(invalid.fieldViolations.map((v) => v.field), ['order_id', 'product_id', 'quantity']);
    });
  });
});
