import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, tempDataDir, type AppProcess } from '@ecommerce/testing';
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

test('with no keys configured it runs open, and says so at start-up', async () => {
  const warning = gateway.logs.find((line) => line['level'] === 40 && String(line['msg']).startsWith('no API keys configured'));
  assert.ok(warning, 'a start-up warning');
  assert.equal((await fetch(`http://127.0.0.1:${gateway.port}/orders`)).status, 501, 'the stub upstream answered: no key was asked for');
});

test('serves on the port it logged, and SIGTERM stops it gracefully with exit code 0', async () => {
  const ready = await fetch(`http://127.0.0.1:${gateway.port}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal(await gateway.stop('SIGTERM'), 0);
  await gateway.waitForLog((line) => line['msg'] === 'stopped');
});

test('with API_KEYS_FILE it asks protected routes for a key and logs ids and scopes, never a secret', async () => {
  const secret = `process-${randomUUID()}-secret`;
  const scratch = tempDataDir('api-keys-');
  let keyed: AppProcess | undefined;
  try {
    const file = join(scratch.dir, 'keys.json');
    writeFileSync(file, JSON.stringify([{ id: 'ops', key: secret, scopes: ['orders:read', 'metrics:read'] }]));
    keyed = await startGateway(stub.address, stub.address, { env: { API_KEYS_FILE: file } });
    const configured = keyed.logs.find((line) => line['msg'] === 'API keys configured: protected routes need a key with their scope');
    assert.deepEqual(configured?.['api_keys'], [{ id: 'ops', scopes: ['orders:read', 'metrics:read'] }]);
    assert.equal((await fetch(`http://127.0.0.1:${keyed.port}/orders`)).status, 401);
    const authorized = await fetch(`http://127.0.0.1:${keyed.port}/orders`, { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(authorized.status, 501, 'past the key check, the stub upstream answered');
    await keyed.stop('SIGTERM');
    assert.equal(JSON.stringify(keyed.logs).includes(secret), false);
  } finally {
    await keyed?.stop();
    scratch.cleanup();
  }
});

test('a malformed key list stops start-up naming the variable, not the secret', async () => {
  const secret = 'too-short-to-be-a-key';
  await assert.rejects(startGateway(stub.address, stub.address, { env: { API_KEYS: JSON.stringify([{ id: 'x', key: secret, scopes: ['orders:read'] }]) } }),
    (error: Error) => /API_KEYS\[0\]\.key: must be at least 32 characters/.test(error.message) && !error.message.includes(secret));
});
