import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import pino from 'pino';
import { ProductServiceClient, ProductServiceService, type ProductServiceServer } from '@ecommerce/contracts';
import { credentials } from '@grpc/grpc-js';
import { callUnary, createChannel, createHealthClient, isServing } from './client.js';
import { implement, type AsyncService } from './handler.js';
import { RpcError } from './rpc-error.js';
import { createServer, connect, type Socket } from 'node:net';
import { maxConnectionAgeMs, startGrpcServer } from './server.js';

const logger = pino({ level: 'silent' });

test('grpc-js retries an idempotent call on UNAVAILABLE by the channel\'s retry policy; a create is never retried', async () => {
  const attempts = { getProduct: 0, createProduct: 0 };
  const unavailable = () => new RpcError('PRODUCT_SERVICE_UNAVAILABLE', 'not now');
  const handlers = {
    ...Object.fromEntries(['listProducts', 'updateProduct', 'deleteProduct', 'getStock', 'setStock', 'reserveStock', 'releaseStock']
      .map((name) => [name, async () => { throw new Error(`${name} is not part of this test`); }])),
    getProduct: async (request: { id: string }) => {
      attempts.getProduct += 1;
      if (attempts.getProduct < 3) throw unavailable();
      return { product: { id: request.id, name: 'Third time', description: '', price: { amountMinor: '1', currency: 'USD' }, etag: '"1"' } };
    },
    createProduct: async () => {
      attempts.createProduct += 1;
      throw unavailable();
    },
  } as unknown as AsyncService<ProductServiceServer>;
  const running = await startGrpcServer({
    host: '127.0.0.1', port: 0, logger,
    services: [{ name: 'ecommerce.product.v1.ProductService', definition: ProductServiceService, implementation: implement(handlers, { logger, domain: 'test' }) }],
  });
  const address = `127.0.0.1:${running.port}`;
  const client = new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: createChannel(address) });
  try {
    const { product } = await callUnary(client.getProduct.bind(client), { id: 'p-1' }, { timeoutMs: 5000 });
    assert.deepEqual([product?.name, attempts.getProduct], ['Third time', 3]);
    await assert.rejects(callUnary(client.createProduct.bind(client),
      { name: 'x', description: '', price: undefined, stock: undefined, requestId: '' }, { timeoutMs: 5000 }),
    (error: { code: number }) => error.code === status.UNAVAILABLE);
    assert.equal(attempts.createProduct, 1, 'a create is sent once');
  } finally {
    client.close();
    await running.stop();
  }
});

/** A product-service that answers GetProduct with "Served" (and nothing else). */
function startServingProducts(options: { maxConnectionAgeMs?: number } = {}) {
  const handlers = {
    ...Object.fromEntries(['listProducts', 'createProduct', 'updateProduct', 'deleteProduct', 'getStock', 'setStock', 'reserveStock', 'releaseStock']
      .map((name) => [name, async () => { throw new Error(`${name} is not part of this test`); }])),
    getProduct: async (request: { id: string }) => ({ product: { id: request.id, name: 'Served', description: '', etag: '"1"' } }),
  } as unknown as AsyncService<ProductServiceServer>;
  return startGrpcServer({
    host: '127.0.0.1', port: 0, logger, ...options,
    services: [{ name: 'ecommerce.product.v1.ProductService', definition: ProductServiceService, implementation: implement(handlers, { logger, domain: 'test' }) }],
  });
}

test('a draining stop keeps serving through the grace period while health says NOT_SERVING', async () => {
  const running = await startServingProducts();
  const address = `127.0.0.1:${running.port}`;
  const client = new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: createChannel(address) });
  try {
    await callUnary(client.getProduct.bind(client), { id: 'warm' }, { timeoutMs: 2000 });
    const stopped = running.stop({ graceMs: 400 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const during = await callUnary(client.getProduct.bind(client), { id: 'during grace' }, { timeoutMs: 2000 });
    assert.equal(during.product?.name, 'Served');
    const health = createHealthClient(createChannel(address), address);
    assert.equal(await isServing(health, '', 1000), false, 'NOT_SERVING while it drains');
    health.close();
    await stopped;
    await assert.rejects(callUnary(client.getProduct.bind(client), { id: 'after' }, { timeoutMs: 1000 }));
  } finally {
    client.close();
  }
});

test('GRPC_MAX_CONNECTION_AGE_MS: 5 minutes unless set, 0 turns it off, anything else stops start-up', () => {
  assert.equal(maxConnectionAgeMs({}), 300_000);
  assert.equal(maxConnectionAgeMs({ GRPC_MAX_CONNECTION_AGE_MS: '0' }), 0);
  assert.throws(() => maxConnectionAgeMs({ GRPC_MAX_CONNECTION_AGE_MS: '5m' }), /GRPC_MAX_CONNECTION_AGE_MS/);
});

test('a connection past its maximum age is replaced (the client resolves its target again), with no call failing', async () => {
  const running = await startServingProducts({ maxConnectionAgeMs: 300 });
  // A TCP relay in front of the server counts the client's connections.
  const sockets: Socket[] = [];
  let connections = 0;
  const relay = createServer((inbound) => {
    connections += 1;
    const outbound = connect(running.port, '127.0.0.1');
    sockets.push(inbound, outbound);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const address = `dns:///localhost:${(relay.address() as { port: number }).port}`;
  const client = new ProductServiceClient(address, credentials.createInsecure(), { channelOverride: createChannel(address) });
  try {
    let served = 0;
    for (let call = 0; call < 30; call++) {
      const { product } = await callUnary(client.getProduct.bind(client), { id: `call ${call}` }, { timeoutMs: 2000 });
      if (product?.name === 'Served') served += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(served, 30, 'every call answered across the reconnections');
    assert.ok(connections >= 3, `a connection per 300 ms over 1.5 s or more, saw ${connections}`);
  } finally {
    client.close();
    sockets.forEach((socket) => socket.destroy());
    relay.close();
    await running.stop();
  }
});
