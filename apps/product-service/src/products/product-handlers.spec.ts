import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import type { CreateProductRequest, Product, ProductServiceServer } from '@ecommerce/contracts';
import { createCallContext, type AsyncService } from '@ecommerce/grpc-kit';
import { openDatabase, type Database } from '@ecommerce/persistence';
import { rpcFailure } from '@ecommerce/grpc-kit/test';
import { STORES, tempStore } from '@ecommerce/testing';
import { productHandlers } from './product-handlers.js';
import { productSchema } from './product-schema.js';

// The ProductService handlers in process, on each store (SQLite in memory, a fresh PostgreSQL
// database), called with a literal call context: what the server runs, without the network.
const headphones: CreateProductRequest = {
  name: 'Wireless Headphones',
  description: 'High-quality wireless headphones with noise cancellation',
  price: { amountMinor: '19999', currency: 'USD' },
  stock: undefined,
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
    handlers = productHandlers(db);
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
    const foreign = Buffer.from(JSON.stringify({ v: 1, k: 'order', a: 1 })).toString('base64url');
    for (const token of [foreign, 'garbage!']) {
      const error = await rpcFailure(list(10, token));
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_token']);
    }
  });
});
