import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfig } from './config.js';

test('uses the pinned defaults', () => {
  assert.deepEqual(loadConfig({}), {
    host: '127.0.0.1',
    port: 50052,
    metricsPort: 9465,
    databaseUrl: undefined,
    sqlitePath: join('data', 'order-service.sqlite'),
    sqliteSynchronous: 'NORMAL',
    demoData: false,
    productServiceAddr: '127.0.0.1:50051',
    productCallTimeoutMs: 2000,
    orderIntentLeaseMs: 30_000,
    reconcileIntervalMs: 5_000,
    idempotencyKeyTtlMs: 86_400_000,
    pageTokenSecret: undefined,
  });
});

test('reads every setting from the environment', () => {
  const config = loadConfig({
    DATA_DIR: '/var/lib/shop',
    ORDER_SERVICE_HOST: '0.0.0.0',
    ORDER_SERVICE_PORT: '0',
    ORDER_DATABASE_URL: 'postgres://shop@db:5432/shop',
    PRODUCT_SERVICE_ADDR: 'product-service:50051',
    PRODUCT_CALL_TIMEOUT_MS: '750',
    IDEMPOTENCY_KEY_TTL_MS: '2000',
  });
  assert.equal(config.host, '0.0.0.0');
  assert.equal(config.idempotencyKeyTtlMs, 2000);
  assert.equal(config.port, 0);
  assert.equal(config.databaseUrl, 'postgres://shop@db:5432/shop');
  assert.equal(config.sqlitePath, join('/var/lib/shop', 'order-service.sqlite'));
  assert.equal(config.productServiceAddr, 'product-service:50051');
  assert.equal(config.productCallTimeoutMs, 750);
});

test('refuses a timeout that is not a positive integer', () => {
  for (const value of ['0', '-5', '1.5', 'soon', '2s']) {
    assert.throws(() => loadConfig({ PRODUCT_CALL_TIMEOUT_MS: value }), /PRODUCT_CALL_TIMEOUT_MS/, value);
  }
});

test('PAGE_TOKEN_SECRET must be at least 32 characters; the error names the variable, never the value', () => {
  assert.equal(loadConfig({ PAGE_TOKEN_SECRET: 'k'.repeat(32) }).pageTokenSecret, 'k'.repeat(32));
  assert.throws(() => loadConfig({ PAGE_TOKEN_SECRET: 'too-short-secret' }), (error: Error) =>
    /PAGE_TOKEN_SECRET must be at least 32 characters/.test(error.message) && !error.message.includes('too-short-secret'));
});
