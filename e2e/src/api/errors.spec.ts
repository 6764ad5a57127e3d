import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { expect, test } from '@playwright/test';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
} from '@ecommerce/sdk';
import { freePorts } from '@ecommerce/testing';
import { startGateway } from '../../support/gateway-process.js';
import { PROBLEM_BASE, failureOf, platformClient, uniqueTag } from '../../support/sdk.js';

// Every error class a client app can get from the platform today, each from a real request.
// Not produced yet, so not tested: 401/403 (no auth), 409 (stock is not enforced yet),
// 412 (no ETags yet), 422 (no idempotency keys yet), 429 (no rate limit).
const client = platformClient({ maxRetries: 0 });

// One real request per kind of error: every rule behind them is tested once, at the lowest level
// that proves it (the services' validation, the gateway's request checks, the mapping).
test('BadRequestError (400, VALIDATION_FAILED) names every invalid field in one problem', async () => {
  const error = await failureOf(client.products.create({ name: '', description: '', price: 1, stock: -1 }));
  expect(error).toBeInstanceOf(BadRequestError);
  const { reason, problem } = error as BadRequestError;
  expect(reason).toBe('VALIDATION_FAILED');
  expect(problem).toMatchObject({ status: 400, type: `${PROBLEM_BASE}validation-failed`, code: 'INVALID_ARGUMENT' });
  expect(problem?.errors?.map((e) => e.field).sort()).toEqual(['name', 'stock']);
  for (const field of problem?.errors ?? []) expect(field.message).not.toBe('');
});

test.describe('NotFoundError (404) names the missing id', () => {
  test('unknown product: PRODUCT_NOT_FOUND', async () => {
    const id = randomUUID();
    const error = await failureOf(client.products.get(id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).reason).toBe('PRODUCT_NOT_FOUND');
    expect((error as NotFoundError).problem).toMatchObject({ status: 404, instance: `/products/${id}` });
    expect((error as NotFoundError).problem?.detail).toContain(id);
  });

  test('unknown order: ORDER_NOT_FOUND', async () => {
    const id = randomUUID();
    const error = await failureOf(client.orders.get(id));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).reason).toBe('ORDER_NOT_FOUND');
    expect((error as NotFoundError).problem?.type).toBe(`${PROBLEM_BASE}order-not-found`);
    expect((error as NotFoundError).problem?.detail).toContain(id);
  });
});

test('APIError 413 (PAYLOAD_TOO_LARGE) for a body over 1 MB: no dedicated subclass', async () => {
  const error = await failureOf(client.products.create({ name: `Big ${uniqueTag()}`, description: 'x'.repeat(1_100_000), price: 1 }));
  expect(error).toBeInstanceOf(APIError);
  expect(error).not.toBeInstanceOf(BadRequestError);
  expect((error as APIError).status).toBe(413);
  expect((error as APIError).reason).toBe('PAYLOAD_TOO_LARGE');
});

test('InternalServerError (503, UNAVAILABLE) from a gateway whose services are down', async () => {
  const [gatewayPort, deadProduct, deadOrder] = await freePorts(3);
  const gateway = await startGateway({
    port: gatewayPort,
    productServiceAddr: `127.0.0.1:${deadProduct}`,
    orderServiceAddr: `127.0.0.1:${deadOrder}`,
  });
  try {
    const orphan = platformClient({ baseUrl: `http://127.0.0.1:${gateway.port}`, maxRetries: 0 });
    const error = await failureOf(orphan.products.list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect((error as InternalServerError).code).toBe('UNAVAILABLE');
    expect((error as InternalServerError).problem?.type).toBe(`${PROBLEM_BASE}unavailable`);
  } finally {
    await gateway.stop();
  }
});

test('APIConnectionError against a closed port carries the request id it sent', async () => {
  const [closedPort] = await freePorts(1);
  const nowhere = platformClient({ baseUrl: `http://127.0.0.1:${closedPort}`, maxRetries: 0 });
  const error = await failureOf(nowhere.products.get(randomUUID(), { requestId: 'e2e-closed-port' }));
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
  expect((error as APIConnectionError).status).toBeUndefined();
  expect((error as APIConnectionError).request_id).toBe('e2e-closed-port');
});

test('APIConnectionTimeoutError when a server accepts the connection and never answers', async () => {
  const sockets: Socket[] = [];
  const silent: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  try {
    const port = (silent.address() as { port: number }).port;
    const stuck = platformClient({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0, timeoutMs: 300 });
    const error = await failureOf(stuck.products.list());
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error).toBeInstanceOf(APIConnectionError);
  } finally {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((done) => silent.close(done));
  }
});
