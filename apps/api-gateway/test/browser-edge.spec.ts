import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { assertProblem } from '@ecommerce/testing';
import { ApiKeyRing } from '../src/access/api-keys.js';
import { startTestGateway, type TestGateway } from './gateway.js';
import { startStubProductService, type StubProductService } from './stub-upstreams.js';

const APP_ORIGIN = 'http://127.0.0.1:5173';
const KEY = `browser-${randomUUID()}-secret`;
const KEYS = ApiKeyRing.parse(JSON.stringify([{ id: 'browser', key: KEY, scopes: ['orders:read'] }]), 'test keys');

/** A browser's preflight for a write the SDK sends: its own headers, with a key and conditions. */
const PREFLIGHT = {
  origin: APP_ORIGIN,
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'authorization,content-type,x-request-id,idempotency-key,if-match,if-none-match',
};

const list = (value: string | null) => (value ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean).sort();

// What a browser sees of the gateway (a stub behind it; nothing here needs a service): the security
// headers, and CORS as CORS_ORIGINS sets it.
describe('security headers and CORS', { timeout: 60_000 }, () => {
  let upstream: StubProductService;
  let listed: TestGateway;
  let anyOrigin: TestGateway;
  let sameOrigin: TestGateway;
  const start = (corsOrigins?: '*' | string[]) =>
    startTestGateway({ productServiceAddr: upstream.address, orderServiceAddr: upstream.address, access: { apiKeys: KEYS, corsOrigins } });

  before(async () => {
    upstream = await startStubProductService();
    [listed, anyOrigin, sameOrigin] = [await start([APP_ORIGIN]), await start('*'), await start()];
  });
  after(async () => {
    await Promise.all([listed, anyOrigin, sameOrigin].map((g) => g?.stop()));
    await upstream?.stop();
  });

  test('API responses, errors included, carry a CSP that loads nothing and the other security headers', async () => {
    for (const response of [await sameOrigin.api.get('/openapi.json'), await sameOrigin.api.get('/orders'), await sameOrigin.api.get('/nope')]) {
      assert.equal(response.headers.get('content-security-policy'), "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
      assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
      assert.equal(response.headers.get('cross-origin-resource-policy'), 'same-origin');
      assert.equal(response.headers.get('x-powered-by'), null);
    }
  });

  test('/docs gets the CSP Swagger UI works under: its own scripts, inline styles, data: images, calls to this gateway only', async () => {
    const page = await sameOrigin.api.get('/docs/');
    assert.equal(page.status, 200);
    const csp = Object.fromEntries((page.headers.get('content-security-policy') ?? '').split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }));
    assert.deepEqual(csp['script-src'], ["'self'"]);
    assert.deepEqual(csp['connect-src'], ["'self'"]);
    assert.deepEqual(csp['style-src'], ["'self'", "'unsafe-inline'"]);
    assert.deepEqual(csp['frame-ancestors'], ["'none'"]);
    assert.equal('upgrade-insecure-requests' in csp, false, 'the gateway speaks plain HTTP on loopback');
    assert.equal(/<script>(?!\s*<\/script>)/.test(String(page.body)), false, 'no inline script for the CSP to allow');
  });

  test('a preflight from a listed origin is 204 allowing every header the SDK sends, and is not authenticated', async () => {
    const preflight = await listed.api.call('OPTIONS', '/orders', { headers: PREFLIGHT });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), APP_ORIGIN);
    assert.deepEqual(list(preflight.headers.get('access-control-allow-headers')),
      ['authorization', 'content-type', 'idempotency-key', 'if-match', 'if-none-match', 'x-request-id']);
    assert.ok(list(preflight.headers.get('access-control-allow-methods')).includes('post'));
    assert.equal(preflight.headers.get('access-control-max-age'), '600');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null, 'keys travel in Authorization, not cookies');
    assert.match(preflight.headers.get('vary') ?? '', /origin/i);
  });

  test('answers to a listed origin expose ETag, Location, X-Request-Id, Retry-After, Idempotent-Replayed and the RateLimit headers; errors too', async () => {
    for (const response of [await listed.api.get('/', { headers: { origin: APP_ORIGIN } }), await listed.api.get('/orders', { headers: { origin: APP_ORIGIN } })]) {
      assert.equal(response.headers.get('access-control-allow-origin'), APP_ORIGIN);
      assert.deepEqual(list(response.headers.get('access-control-expose-headers')), [
        'etag', 'idempotent-replayed', 'location', 'ratelimit', 'ratelimit-policy', 'retry-after', 'www-authenticate', 'x-request-id',
      ]);
    }
    assertProblem(await listed.api.get('/orders', { headers: { origin: APP_ORIGIN } }), { status: 401, type: 'api-key-missing' });
  });

  test('an origin not listed gets no Access-Control-Allow-Origin; `*` allows any; unset, no CORS at all', async () => {
    const stranger = await listed.api.call('OPTIONS', '/orders', { headers: { ...PREFLIGHT, origin: 'http://evil.example' } });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    assert.equal((await listed.api.get('/', { headers: { origin: 'http://evil.example' } })).headers.get('access-control-allow-origin'), null);
    const any = await anyOrigin.api.call('OPTIONS', '/orders', { headers: { ...PREFLIGHT, origin: 'http://evil.example' } });
    assert.deepEqual([any.status, any.headers.get('access-control-allow-origin')], [204, '*']);
    const none = await sameOrigin.api.call('OPTIONS', '/orders', { headers: PREFLIGHT });
    assertProblem(none, { status: 405, type: 'method-not-allowed' });
    assert.equal(none.headers.get('access-control-allow-origin'), null);
  });
});
