import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import pino from 'pino';
import { ProductServiceClient, ProductServiceService, type ProductServiceServer } from '@ecommerce/contracts';
import { callUnary, createChannel } from './client.js';
import { decodeServiceError } from './error-details.js';
import { implement, remainingMs, type AsyncService } from './handler.js';
import { notFound, validationError } from './rpc-error.js';
import { startGrpcServer } from './server.js';

/** A real server on a free loopback port whose handlers fail in the ways the platform's do. */
async function withServer(run: (client: ProductServiceClient, lines: Record<string, unknown>[]) => Promise<void>) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const running = await startGrpcServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    services: [{
      name: 'ecommerce.product.v1.ProductService',
      definition: ProductServiceService,
      implementation: implement<ProductServiceServer>({
        ...Object.fromEntries(['updateProduct', 'deleteProduct', 'getStock', 'setStock', 'reserveStock', 'releaseStock']
          .map((name) => [name, async () => { throw new Error(`${name} is not part of this test`); }])) as unknown as AsyncService<ProductServiceServer>,
        createProduct: async () => { throw validationError([{ field: 'name', description: 'must not be empty' }]); },
        getProduct: async (request, context) => {
          const error = notFound('PRODUCT_NOT_FOUND', 'product', `${request.id}/${context.requestId}`);
          error.metadata['seconds_left'] = String(Math.round(remainingMs(context, 60_000) / 1000));
          throw error;
        },
        listProducts: async () => { throw new Error('database password is hunter2'); },
      }, { logger, domain: 'test-service' }),
    }],
  });
  const address = `127.0.0.1:${running.port}`;
  const client = new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: createChannel(address) });
  try {
    await run(client, lines);
  } finally {
    client.close();
    await running.stop();
  }
}

async function failure(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  return assert.fail('expected failure');
}

test('RpcError becomes its status code with reason, domain and field violations in the trailer', async () => {
  await withServer(async (client) => {
    const error = decodeServiceError(await failure(callUnary(client.createProduct.bind(client),
      { name: '', description: '', price: undefined, stock: undefined, requestId: '' }, { timeoutMs: 2000 })));
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.reason, 'VALIDATION_FAILED');
    assert.equal(error.domain, 'test-service');
    assert.deepEqual(error.fieldViolations, [{ field: 'name', description: 'must not be empty' }]);
  });
});

test('the correlation id reaches the handler and its log line', async () => {
  await withServer(async (client, lines) => {
    const error = decodeServiceError(await failure(callUnary(client.getProduct.bind(client),
      { id: 'abc' }, { timeoutMs: 2000, requestId: 'req-42' })));
    assert.equal(error.code, status.NOT_FOUND);
    assert.equal(error.reason, 'PRODUCT_NOT_FOUND');
    assert.equal(error.metadata['product_id'], 'abc/req-42');
    assert.equal(error.metadata['seconds_left'], '2', "the caller's 2 s deadline reaches the handler");
    const line = lines.find((l) => l['msg'] === 'rpc' && l['method'] === 'getProduct');
    assert.equal(line?.['request_id'], 'req-42');
    assert.equal(line?.['code'], 'NOT_FOUND');
  });
});

test('an unexpected error is INTERNAL with nothing internal leaked', async () => {
  await withServer(async (client, lines) => {
    const raw = await failure(callUnary(client.listProducts.bind(client), { pageSize: 1, pageToken: '' }, { timeoutMs: 2000 }));
    const error = decodeServiceError(raw);
    assert.equal(error.code, status.INTERNAL);
    assert.equal(error.message, 'internal error');
    assert.doesNotMatch(JSON.stringify(raw), /hunter2/);
    assert.ok(lines.some((l) => l['msg'] === 'unhandled error'), 'the cause is logged server-side');
  });
});

test('decodeServiceError tolerates errors without details', () => {
  const decoded = decodeServiceError({ code: status.UNAVAILABLE, details: 'down', metadata: new Metadata() });
  assert.deepEqual(decoded, { code: status.UNAVAILABLE, message: 'down', reason: undefined, domain: undefined, fieldViolations: [], metadata: {} });
});

test('remainingMs is capped by the downstream limit and never negative', () => {
  const now = Date.now();
  assert.equal(remainingMs({ deadline: Number.POSITIVE_INFINITY }, 2000), 2000);
  assert.ok(remainingMs({ deadline: now + 500 }, 2000) <= 500);
  assert.ok(remainingMs({ deadline: now + 500 }, 2000) > 400);
  assert.equal(remainingMs({ deadline: now - 10 }, 2000), 0);
});
