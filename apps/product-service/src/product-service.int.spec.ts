import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Metadata, credentials, status } from '@grpc/grpc-js';
import { CreateProductRequest, CreateProductResponse, ProductServiceClient } from '@ecommerce/contracts';
import { callUnary, createChannel, createHealthClient, isServing } from '@ecommerce/grpc-kit';
import { grpcFailure } from '@ecommerce/grpc-kit/test';
import { startProductService, tempDataDir, type AppProcess } from '@ecommerce/testing';

// product-service as a process: what only a process shows (health over the network, the error
// trailer on the wire, log lines, signals, a restart on the same data). Handler behaviour is
// covered in process, on both stores (products/product-handlers.spec.ts).
const headphones: CreateProductRequest = {
  name: 'Wireless Headphones',
  description: 'High-quality wireless headphones with noise cancellation',
  price: { amountMinor: '19999', currency: 'USD' },
  stock: undefined,
  requestId: '',
};

describe('product-service as a process (SQLite)', { timeout: 120_000 }, () => {
  const data = tempDataDir();
  let service: AppProcess;
  let client: ProductServiceClient;
  const address = () => `127.0.0.1:${service.port}`;
  const connect = () => {
    client = new ProductServiceClient(address(), credentials.createInsecure(), { channelOverride: createChannel(address()) });
  };
  const create = (request: CreateProductRequest, requestId?: string) =>
    callUnary(client.createProduct.bind(client), request, { timeoutMs: 5000, ...(requestId ? { requestId } : {}) });

  before(async () => {
    service = await startProductService(data.dir);
    connect();
  });
  after(async () => {
    client?.close();
    await service?.stop();
    data.cleanup();
  });

  test('health answers SERVING for the server and for ProductService', async () => {
    const health = createHealthClient(createChannel(address()), address());
    assert.equal(await isServing(health, '', 2000), true);
    assert.equal(await isServing(health, 'ecommerce.product.v1.ProductService', 2000), true);
    health.close();
  });

  test('a failure travels as its status code with reason and field violations in the trailer', async () => {
    const error = await grpcFailure(create({ ...headphones, name: '' }));
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'VALIDATION_FAILED');
    assert.equal(error.domain, 'product-service');
    assert.deepEqual(error.fieldViolations.map((v) => v.field), ['name']);
  });

  test('logs one line per call with method, code, duration and the correlation id', async () => {
    await create(headphones, 'corr-1234');
    const line = await service.waitForLog((entry) => entry['request_id'] === 'corr-1234' && entry['msg'] === 'rpc');
    assert.equal(line['method'], 'createProduct');
    assert.equal(line['code'], 'OK');
    assert.equal(typeof line['duration_ms'], 'number');
  });

  /** How many live products have this name (the list is small: one page of 100 holds them all). */
  const countNamed = async (name: string) =>
    (await callUnary(client.listProducts.bind(client), { pageSize: 100, pageToken: '' }, { timeoutMs: 5000 })).products.filter((p) => p.name === name).length;

  /** A raw CreateProduct with only grpc-js's own deadline (no absolute deadline in metadata); resolves with its code. */
  const createRaw = (name: string, deadline: number) => new Promise<status>((resolve) => {
    client.createProduct({ ...headphones, name }, new Metadata(), { deadline }, (error) => resolve(error ? error.code : status.OK));
  });

  test('a create is written only if its caller was answered OK: deadlines passed or passing, 20 calls', async () => {
    const name = `Deadline ${randomUUID()}`;
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => createRaw(name, Date.now() + (i % 5) - 3)));
    assert.ok(codes.every((code) => code === status.OK || code === status.DEADLINE_EXCEEDED), String(codes));
    await delay(500);
    assert.equal(await countNamed(name), codes.filter((code) => code === status.OK).length);
    assert.ok(codes.includes(status.DEADLINE_EXCEEDED), 'some calls expired');
  });

  test('a service paused past its caller\'s deadline writes nothing when it resumes', async () => {
    const raw = `Paused raw ${randomUUID()}`;
    const carried = `Paused carried ${randomUUID()}`;
    await countNamed(raw); // connected before the pause
    service.pause();
    try {
      const calls = [
        createRaw(raw, Date.now() + 300),
        callUnary(client.createProduct.bind(client), { ...headphones, name: carried }, { timeoutMs: 300 }).then(() => status.OK, (error: { code: status }) => error.code),
      ];
      assert.deepEqual(await Promise.all(calls), [status.DEADLINE_EXCEEDED, status.DEADLINE_EXCEEDED]);
    } finally {
      service.resume();
    }
    await delay(500);
    assert.deepEqual([await countNamed(raw), await countNamed(carried)], [0, 0]);
  });

  test('a string that is not valid UTF-8 is INVALID_ARGUMENT UNDECODABLE_REQUEST, never stored as U+FFFD', async () => {
    const name = `Invalid UTF-8 caf\u00e9 ${randomUUID()}`;
    const bytes = Buffer.from(CreateProductRequest.encode({ ...headphones, name }).finish());
    bytes[bytes.indexOf(0xc3) + 1] = 0x28; // "é" (C3 A9) -> C3 28: an invalid sequence
    const error = await grpcFailure(new Promise((resolve, reject) => {
      client.makeUnaryRequest('/ecommerce.product.v1.ProductService/CreateProduct', (raw: Buffer) => raw,
        (raw: Buffer) => CreateProductResponse.decode(raw), bytes, new Metadata(), { deadline: Date.now() + 5000 },
        (failure, response) => (failure ? reject(failure) : resolve(response)));
    }));
    assert.deepEqual([error.code, error.reason], [status.INVALID_ARGUMENT, 'UNDECODABLE_REQUEST']);
    const names = (await callUnary(client.listProducts.bind(client), { pageSize: 100, pageToken: '' }, { timeoutMs: 5000 })).products.map((p) => p.name);
    assert.ok(!names.some((n) => n.startsWith('Invalid UTF-8')), 'nothing stored');
  });

  test('bounded inputs: an oversized or unprintable request id and oversized metadata are INVALID_ARGUMENT, a 100 KB message RESOURCE_EXHAUSTED', async () => {
    const call = (metadata: Metadata, request: CreateProductRequest = headphones) => grpcFailure(new Promise((resolve, reject) => {
      client.createProduct(request, metadata, { deadline: Date.now() + 5000 }, (error, response) => (error ? reject(error) : resolve(response)));
    }));
    const longId = new Metadata();
    longId.set('x-request-id', 'r'.repeat(64 * 1024));
    const spaced = new Metadata();
    spaced.set('x-request-id', 'has space');
    const heavy = new Metadata();
    heavy.set('x-padding', 'p'.repeat(9 * 1024));
    for (const metadata of [longId, spaced, heavy]) {
      const error = await call(metadata);
      assert.deepEqual([error.code, error.reason], [status.INVALID_ARGUMENT, 'REQUEST_METADATA_INVALID']);
    }
    assert.ok(!service.logs.some((line) => JSON.stringify(line).includes('r'.repeat(1000))), 'the long id reached no log line');
    const big = await call(new Metadata(), { ...headphones, description: 'd'.repeat(100 * 1024) });
    assert.equal(big.code, status.RESOURCE_EXHAUSTED);
  });

  test('SIGTERM exits 0; data and page tokens survive a restart, whose migrations have nothing left to do', async () => {
    const { product } = await create({ ...headphones, name: 'Survivor' });
    const { nextPageToken } = await callUnary(client.listProducts.bind(client), { pageSize: 1, pageToken: '' }, { timeoutMs: 5000 });
    assert.notEqual(nextPageToken, '');
    assert.ok(service.logs.some((line) => line['level'] === 40 && /PAGE_TOKEN_SECRET is not set/.test(String(line['msg']))), 'it warns about the generated key');
    assert.ok(service.logs.some((entry) => /Applied '0001-create-product'/.test(String(entry['msg']))));
    const port = service.port;
    client.close();
    assert.equal(await service.stop(), 0);
    service = await startProductService(data.dir, { port });
    connect();
    const fetched = await callUnary(client.getProduct.bind(client), { id: product!.id }, { timeoutMs: 5000 });
    assert.equal(fetched.product?.name, 'Survivor');
    const next = await callUnary(client.listProducts.bind(client), { pageSize: 1, pageToken: nextPageToken }, { timeoutMs: 5000 });
    assert.equal(next.products.length, 1, 'a token from before the restart still verifies (the generated key is kept in the database)');
    assert.equal(service.logs.some((entry) => /Applied/.test(String(entry['msg']))), false, 'no migration ran again');
  });
});
