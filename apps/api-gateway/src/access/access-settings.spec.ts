import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT, tempDataDir } from '@ecommerce/testing';
import { loadAccessSettings } from './access-settings.js';

const SECRET = 'sk_test_0123456789abcdefghijklmnopqrstuv';
const KEYS = JSON.stringify([{ id: 'shop', key: SECRET, scopes: ['orders:read'] }]);

test('by default everything is off: open mode, no rate limit, no CORS', () => {
  assert.deepEqual(loadAccessSettings({}), { apiKeys: undefined, rateLimit: undefined, corsOrigins: undefined });
  assert.deepEqual(loadAccessSettings({ API_KEYS: '', RATE_LIMIT_MAX: ' ', CORS_ORIGINS: '' }).rateLimit, undefined);
});

test('API keys come from API_KEYS or from the file API_KEYS_FILE names, not both', () => {
  assert.equal(loadAccessSettings({ API_KEYS: KEYS }).apiKeys?.find(SECRET)?.id, 'shop');
  const scratch = tempDataDir('api-keys-');
  try {
    const file = join(scratch.dir, 'keys.json');
    writeFileSync(file, KEYS);
    assert.equal(loadAccessSettings({ API_KEYS_FILE: file }).apiKeys?.find(SECRET)?.id, 'shop');
    assert.throws(() => loadAccessSettings({ API_KEYS_FILE: file, API_KEYS: KEYS }), /API_KEYS or API_KEYS_FILE, not both/);
    assert.throws(() => loadAccessSettings({ API_KEYS_FILE: join(scratch.dir, 'missing.json') }), /API_KEYS_FILE: cannot read .*missing\.json \(ENOENT\)/);
  } finally {
    scratch.cleanup();
  }
});

test('RATE_LIMIT_MAX turns the limit on; the window, Redis and its prefix are optional', () => {
  assert.deepEqual(loadAccessSettings({ RATE_LIMIT_MAX: '100' }).rateLimit,
    { max: 100, windowMs: 60_000, redisUrl: undefined, redisPrefix: 'ecommerce:rate-limit:' });
  assert.deepEqual(loadAccessSettings({
    RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '1000', RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_REDIS_PREFIX: 'gw:',
  }).rateLimit, { max: 5, windowMs: 1000, redisUrl: 'redis://127.0.0.1:6379', redisPrefix: 'gw:' });
  assert.throws(() => loadAccessSettings({ RATE_LIMIT_MAX: '0' }), /RATE_LIMIT_MAX must be a positive whole number/);
  assert.throws(() => loadAccessSettings({ RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379' }), /RATE_LIMIT_MAX is not/);
  assert.throws(() => loadAccessSettings({ RATE_LIMIT_MAX: '5', RATE_LIMIT_REDIS_URL: 'http://x' }), /redis:\/\/ or rediss:\/\//);
});

test('CORS_ORIGINS: exact origins or *, nothing else', () => {
  assert.deepEqual(loadAccessSettings({ CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173' }).corsOrigins,
    ['https://shop.example.com', 'http://localhost:5173']);
  assert.equal(loadAccessSettings({ CORS_ORIGINS: '*' }).corsOrigins, '*');
  for (const bad of ['https://shop.example.com/', 'shop.example.com', 'https://shop.example.com/app', 'ftp://x.example', 'https://a.example,*']) {
    assert.throws(() => loadAccessSettings({ CORS_ORIGINS: bad }), /CORS_ORIGINS must be \* or a comma-separated list of origins/, bad);
  }
});

test('the compose file\'s example key file holds the demo keys deploy/README.md documents, as hashes only', () => {
  const file = join(WORKSPACE_ROOT, 'deploy', 'api-keys.example.json');
  const keys = loadAccessSettings({ API_KEYS_FILE: file }).apiKeys;
  assert.equal(keys?.find('demo-admin-key-change-me-0123456789abcdef')?.id, 'demo-admin');
  assert.equal(keys?.find('demo-reader-key-change-me-0123456789abcdef')?.id, 'demo-reader');
  assert.equal(readFileSync(file, 'utf8').includes('change-me'), false);
});
