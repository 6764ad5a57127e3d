import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import pino from 'pino';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { startHttpServer } from './server.js';
import { startStubProductService, stubProduct, type StubProductService } from '../test/stub-upstreams.js';

let stub: StubProductService;
let gateway: TestGateway;

before(async () => {
  stub = await startStubProductService({ slow: { product: stubProduct('slow'), delayMs: 400 } });
  gateway = await startTestGateway({ productServiceAddr: stub.address, orderServiceAddr: stub.address, grpcTimeoutMs: 5000 });
});
after(() => stub?.stop());

test('stop() lets an in-flight request finish, then refuses new connections and closes the channels', async () => {
  const inFlight = gateway.api.get('/products/slow');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stopped = gateway.stop();

  const response = await inFlight;
  assert.equal(response.status, 200);
  assert.equal(response.body['id'], 'slow');
  await stopped;
  await assert.rejects(fetch(`${gateway.baseUrl}/healthz`));
  assert.equal(gateway.upstreams.products.channel.getConnectivityState(false), 4 /* SHUTDOWN */);
});

test('startHttpServer refuses a port already taken with EADDRINUSE (main then logs "failed to start")', async () => {
  const logger = pino({ level: 'silent' });
  const first = await startHttpServer({ app: express(), host: '127.0.0.1', port: 0, logger });
  try {
    await assert.rejects(startHttpServer({ app: express(), host: '127.0.0.1', port: first.port, logger }),
      (error: NodeJS.ErrnoException) => error.code === 'EADDRINUSE');
  } finally {
    await first.stop();
  }
});
