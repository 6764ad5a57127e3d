import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.js';

test('uses the pinned defaults, HTTP limits included; every access setting off', () => {
  assert.deepEqual(loadConfig({}), {
    host: '127.0.0.1',
    port: 8000,
    productServiceAddr: '127.0.0.1:50051',
    orderServiceAddr: '127.0.0.1:50052',
    grpcTimeoutMs: 5000,
    productCache: { ttlMs: 0, maxEntries: 10_000 },
    http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 },
    access: { apiKeys: undefined, rateLimit: undefined, corsOrigins: undefined },
  });
});

test('reads the HTTP limits from the environment and refuses a malformed one, naming it', () => {
  const config = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '4000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000', HTTP_MAX_CONNECTIONS: '64' });
  assert.deepEqual(config.http, { headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 1000, maxConnections: 64 });
  assert.throws(() => loadConfig({ HTTP_MAX_CONNECTIONS: 'lots' }), /HTTP_MAX_CONNECTIONS/);
});
