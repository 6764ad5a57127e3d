import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startGateway, type AppProcess } from '@ecommerce/testing';
import { startStubProductService, type StubProductService } from './stub-upstreams.js';

// The gateway as a process: it starts from main.ts on the configured address and stops on SIGTERM.
let stub: StubProductService;
let gateway: AppProcess;

before(async () => {
  stub = await startStubProductService();
  gateway = await startGateway(stub.address, stub.address);
});
after(async () => {
  await gateway?.stop();
  await stub?.stop();
});

test('serves on the port it logged, and SIGTERM stops it gracefully with exit code 0', async () => {
  const ready = await fetch(`http://127.0.0.1:${gateway.port}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal(await gateway.stop('SIGTERM'), 0);
  await gateway.waitForLog((line) => line['msg'] === 'stopped');
});
