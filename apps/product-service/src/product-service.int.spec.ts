import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { credentials, status } from '@grpc/grpc-js';
import { ProductServiceClient, type CreateProductRequest } from '@ecommerce/contracts';
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

  test('SIGTERM exits 0; data survives a restart, whose migrations have nothing left to do', async () => {
    const { product } = await create({ ...headphones, name: 'Survivor' });
    assert.ok(service.logs.some((entry) => /Applied '0001-create-product'/.test(String(entry['msg']))));
    const port = service.port;
    client.close();
    assert.equal(await service.stop(), 0);
    service = await startProductService(data.dir, { port });
    connect();
    const fetched = await callUnary(client.getProduct.bind(client), { id: product!.id }, { timeoutMs: 5000 });
    assert.equal(fetched.product?.name, 'Survivor');
    assert.equal(service.logs.some((entry) => /Applied/.test(String(entry['msg']))), false, 'no migration ran again');
  });
});
