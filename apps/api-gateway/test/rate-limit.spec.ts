import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { assertProblem, freePorts, type ApiResponse } from '@ecommerce/testing';
import { ApiKeyRing } from '../src/access/api-keys.js';
import { connectRateLimitStore, type SharedRateLimitStore } from '../src/access/rate-limit-store.js';
import type { RateLimitSettings } from '../src/access/rate-limit.js';
import { startTestGateway, type TestGateway } from './gateway.js';
import { startStubProductService, type StubProductService } from './stub-upstreams.js';

/** Redis on loopback (the machine's own, as CI's); every test counts under a key prefix of its own. */
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const KEY = `rate-${randomUUID()}-secret`;
const OTHER = `other-${randomUUID()}-secret`;
const KEYS = ApiKeyRing.parse(JSON.stringify([
  { id: 'rated', key: KEY, scopes: ['orders:read'] },
  { id: 'other', key: OTHER, scopes: ['orders:read'] },
]), 'test keys');
const silent = pino({ level: 'silent' });

const settings = (max: number, redis = false): RateLimitSettings => ({
  max, windowMs: 60_000, redisUrl: redis ? REDIS_URL : undefined, redisPrefix: `test:rate-limit:${randomUUID()}:`,
});

/** The draft-8 RateLimit field's remaining quota: `"<policy>"; r=2; t=60` -> 2. */
function remaining(response: ApiResponse): number | undefined {
  const match = /;\s*r=(\d+)/.exec(response.headers.get('ratelimit') ?? '');
  return match ? Number(match[1]) : undefined;
}

function assertRateLimited(response: ApiResponse, max: number): void {
  assertProblem(response, { status: 429, type: 'rate-limited', reason: 'RATE_LIMITED', code: 'RESOURCE_EXHAUSTED' });
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${response.headers.get('retry-after')}`);
  assert.equal(remaining(response), 0);
  assert.match(response.headers.get('ratelimit-policy') ?? '', new RegExp(`; q=${max}; w=60; pk=:`));
}

// The rate limit in front of a stub upstream (nothing here reaches a service): requests to "/"
// are counted like any operation's.
describe('rate limits', { timeout: 60_000 }, () => {
  let upstream: StubProductService;
  const gateways: TestGateway[] = [];
  const stores: SharedRateLimitStore[] = [];
  const gateway = async (rateLimit: RateLimitSettings, store?: SharedRateLimitStore) => {
    const started = await startTestGateway({
      productServiceAddr: upstream.address, orderServiceAddr: upstream.address,
      access: { apiKeys: KEYS, rateLimit, rateLimitStore: store?.store },
    });
    gateways.push(started);
    return started;
  };
  const shared = async (rateLimit: RateLimitSettings) => {
    const store = await connectRateLimitStore(rateLimit, silent);
    assert.ok(store);
    stores.push(store);
    return store;
  };

  before(async () => {
    upstream = await startStubProductService();
  });
  after(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(stores.map((s) => s.close()));
    await upstream?.stop();
  });

  test('one gateway: the request over the limit is 429 problem+json with Retry-After and the RateLimit headers', async () => {
    const limited = await gateway(settings(3));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await limited.api.get('/'));
    assert.deepEqual(answers.slice(0, 3).map((a) => [a.status, remaining(a)]), [[200, 2], [200, 1], [200, 0]]);
    assertRateLimited(answers[3] as ApiResponse, 3);
    // Counted per API key when one is presented, else per client address; never the probes.
    assert.deepEqual((await limited.api.get('/', { headers: { authorization: `Bearer ${KEY}` } })).status, 200);
    assert.deepEqual((await limited.api.get('/', { headers: { authorization: `Bearer ${OTHER}` } })).status, 200);
    for (const path of ['/healthz', '/healthz', '/readyz']) assert.equal((await limited.api.get(path)).status, 200, path);
    assertRateLimited(await limited.api.get('/orders'), 3);
  });

  test('a key has its own count, apart from the anonymous count of its address', async () => {
    const limited = await gateway(settings(2));
    const asKey = { headers: { authorization: `Bearer ${KEY}` } };
    assert.deepEqual([(await limited.api.get('/', asKey)).status, (await limited.api.get('/', asKey)).status], [200, 200]);
    assertRateLimited(await limited.api.get('/', asKey), 2);
    assert.equal((await limited.api.get('/')).status, 200, 'the anonymous count of the same address is apart');
  });

  test('two gateways sharing Redis count together; a Redis that goes away lets requests through', async () => {
    const rateLimit = settings(4, true);
    const store = await shared(rateLimit);
    const [a, b] = [await gateway(rateLimit, store), await gateway(rateLimit, await shared(rateLimit))];
    const answers = [];
    for (const g of [a, b, a, b, b] as TestGateway[]) answers.push(await g.api.get('/'));
    assert.deepEqual(answers.map((r) => r.status), [200, 200, 200, 200, 429]);
    assert.deepEqual(answers.slice(0, 4).map(remaining), [3, 2, 1, 0]);
    assertRateLimited(answers[4] as ApiResponse, 4);
    assertRateLimited(await (a as TestGateway).api.get('/'), 4);
    await store.close();
    assert.equal((await (a as TestGateway).api.get('/')).status, 200, 'no store, no limit: the API stays up');
  });

  test('a Redis that cannot be reached stops start-up, naming RATE_LIMIT_REDIS_URL and not the password', async () => {
    const [port] = await freePorts(1);
    const started = Date.now();
    await assert.rejects(
      connectRateLimitStore({ ...settings(1), redisUrl: `redis://:hunter2@127.0.0.1:${port}` }, silent),
      (error: Error) => /^RATE_LIMIT_REDIS_URL: cannot connect to Redis at 127\.0\.0\.1:\d+/.test(error.message) && !error.message.includes('hunter2'),
    );
    assert.ok(Date.now() - started < 10_000);
  });
});
