import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { credentials, status } from '@grpc/grpc-js';
import { ProductServiceClient, type CreateProductRequest, type Product } from '@ecommerce/contracts';
import { callUnary, createChannel, createHealthClient, decodeServiceError, isServing } from '@ecommerce/grpc-kit';
import { createTempPostgresDatabase, startProductService, tempDataDir, type ServiceProcess } from '@ecommerce/testing';

const headphones: CreateProductRequest = {
  name: 'Wireless Headphones',
  description: 'High-quality wireless headphones with noise cancellation',
  price: { amountMinor: '19999', currency: 'USD' },
  stock: undefined,
};

/** Runs `call` and returns the decoded gRPC error it must fail with. */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return decodeServiceError(error as Error);
  }
  return assert.fail('expected the call to fail');
}

for (const backend of ['sqlite', 'postgresql'] as const) describe(`product-service over real gRPC (${backend})`, () => {
  const data = tempDataDir();
  let database: Awaited<ReturnType<typeof createTempPostgresDatabase>> | undefined;
  let service: ServiceProcess;
  let client: ProductServiceClient;
  const address = () => `127.0.0.1:${service.port}`;
  const start = async (port = 0) => {
    service = await startProductService(data.dir, port, database ? { PRODUCT_DATABASE_URL: database.url } : {});
  };
  const connect = () => {
    client = new ProductServiceClient(address(), credentials.createInsecure(), { channelOverride: createChannel(address()) });
  };
  const create = (request: CreateProductRequest, requestId?: string) =>
    callUnary(client.createProduct.bind(client), request, { timeoutMs: 5000, ...(requestId ? { requestId } : {}) });
  const get = (id: string) => callUnary(client.getProduct.bind(client), { id }, { timeoutMs: 5000 });
  const list = (pageSize: number, pageToken = '') =>
    callUnary(client.listProducts.bind(client), { pageSize, pageToken }, { timeoutMs: 5000 });

  before(async () => {
    if (backend === 'postgresql') database = await createTempPostgresDatabase();
    await start();
    connect();
  });
  after(async () => {
    client?.close();
    await service?.stop();
    await database?.drop();
    data.cleanup();
  });

  test('health answers SERVING for the server and for ProductService', async () => {
    const health = createHealthClient(createChannel(address()), address());
    assert.equal(await isServing(health, '', 2000), true);
    assert.equal(await isServing(health, 'ecommerce.product.v1.ProductService', 2000), true);
    health.close();
  });

  test('CreateProduct stores exact money and GetProduct returns it', async () => {
    const { product } = await create({ ...headphones, stock: 5 });
    assert.ok(product);
    assert.match(product.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(product.price, { amountMinor: '19999', currency: 'USD' });
    assert.equal(product.stock, 5);
    assert.ok(product.createTime instanceof Date);
    const fetched = await get(product.id);
    assert.deepEqual(fetched.product, product);
  });

  test('stock is absent when not tracked and the currency defaults to USD', async () => {
    const { product } = await create({ ...headphones, price: { amountMinor: '500', currency: '' } });
    assert.equal(product?.stock, undefined);
    assert.equal(product?.price?.currency, 'USD');
  });

  test('CreateProduct rejects bad input with INVALID_ARGUMENT and field violations', async () => {
    const error = await failure(create({ ...headphones, name: '', price: { amountMinor: '-1', currency: 'usd' } }));
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'VALIDATION_FAILED');
    assert.deepEqual(error.fieldViolations.map((v) => v.field), ['name', 'price.amount_minor', 'price.currency']);
    const tooBig = await failure(create({ ...headphones, price: { amountMinor: '9223372036854775807', currency: 'USD' } }));
    assert.equal(tooBig.code, status.INVALID_ARGUMENT);
  });

  test('GetProduct: unknown id is NOT_FOUND naming it, malformed id is INVALID_ARGUMENT', async () => {
    const missing = '0b7e2d4c-7a0e-4c1e-9a53-0d9f4b1e2c3a';
    const notFound = await failure(get(missing));
    assert.equal(notFound.code, status.NOT_FOUND);
    assert.equal(notFound.reason, 'PRODUCT_NOT_FOUND');
    assert.match(notFound.message, new RegExp(missing));
    assert.equal(notFound.metadata['product_id'], missing);
    const malformed = await failure(get('not-a-uuid'));
    assert.equal(malformed.code, status.INVALID_ARGUMENT);
    assert.deepEqual(malformed.fieldViolations.map((v) => v.field), ['id']);
  });

  test('ListProducts pages in insertion order, each product exactly once while products are added', async () => {
    const before = await list(100);
    const created: Product[] = [];
    for (let i = 0; i < 5; i++) created.push((await create({ ...headphones, name: `Paged ${i}` })).product!);
    const seen: string[] = [];
    let page = await list(2, '');
    let added = 0;
    for (;;) {
      seen.push(...page.products.map((p) => p.id));
      if (added < 2) {
        created.push((await create({ ...headphones, name: `Added while paging ${added++}` })).product!);
      }
      if (page.nextPageToken === '') break;
      page = await list(2, page.nextPageToken);
    }
    const expected = [...before.products.map((p) => p.id), ...created.map((p) => p.id)];
    assert.deepEqual(seen, expected);
    assert.equal(new Set(seen).size, seen.length);
  });

  test('ListProducts defaults to 20 and rejects bad page sizes and foreign tokens', async () => {
    for (let i = 0; i < 21; i++) await create({ ...headphones, name: `Bulk ${i}` });
    const first = await list(0);
    assert.equal(first.products.length, 20);
    assert.notEqual(first.nextPageToken, '');
    for (const size of [-1, 101]) {
      const error = await failure(list(size));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_size']);
    }
    const foreign = Buffer.from(JSON.stringify({ v: 1, k: 'order', a: 1 })).toString('base64url');
    for (const token of [foreign, 'garbage!']) {
      const error = await failure(list(10, token));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.deepEqual(error.fieldViolations.map((v) => v.field), ['page_token']);
    }
  });

  test('logs one line per call with method, code, duration and the correlation id', async () => {
    await create(headphones, 'corr-1234');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = service.logs.find((entry) => entry['request_id'] === 'corr-1234');
    assert.ok(line, 'a log line carries the correlation id');
    assert.equal(line['method'], 'createProduct');
    assert.equal(line['code'], 'OK');
    assert.equal(typeof line['duration_ms'], 'number');
  });

  test('SIGTERM exits 0 and data survives a restart (migrations run again harmlessly)', async () => {
    const { product } = await create({ ...headphones, name: 'Survivor' });
    const port = service.port;
    client.close();
    assert.equal(await service.stop(), 0);
    await start(port);
    connect();
    assert.equal((await get(product!.id)).product?.name, 'Survivor');
    assert.ok(service.logs.some((entry) => entry['msg'] === 'database ready'));
  });
});
