import { expect, test } from '@playwright/test';
import { AuthenticationError, PermissionDeniedError, RateLimitError } from '@ecommerce/sdk';
import { KEYS, startKeyedGateway, type KeyedGateway } from '../../support/access.js';
import { PROBLEM_BASE, failureOf, platformClient, uniqueTag } from '../../support/sdk.js';

// API keys and rate limits through the SDK, as a client app meets them: a gateway with keys (and
// one with a low rate limit) in front of the platform's services, and the platform's own, open.
let keyed: KeyedGateway;
let limited: KeyedGateway;

test.beforeAll(async () => {
  [keyed, limited] = await Promise.all([startKeyedGateway(), startKeyedGateway({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' })]);
});
test.afterAll(async () => {
  await Promise.all([keyed?.stop(), limited?.stop()]);
});

test('without an apiKey: AuthenticationError (401) carrying the problem; product reads need none', async () => {
  const client = platformClient({ baseUrl: keyed.baseUrl });
  const error = await failureOf(client.orders.list());
  expect(error).toBeInstanceOf(AuthenticationError);
  const authentication = error as AuthenticationError;
  expect(authentication.status).toBe(401);
  expect(authentication.reason).toBe('API_KEY_MISSING');
  expect(authentication.problem).toMatchObject({ type: `${PROBLEM_BASE}api-key-missing`, status: 401, instance: '/orders', code: 'UNAUTHENTICATED' });
  expect(authentication.headers?.get('www-authenticate')).toBe('Bearer realm="ecommerce"');
  expect((await client.products.list({ page_size: 1 })).products.length).toBeGreaterThanOrEqual(0);

  const wrong = await failureOf(platformClient({ baseUrl: keyed.baseUrl, apiKey: `${KEYS.admin}-not` }).orders.list());
  expect(wrong).toBeInstanceOf(AuthenticationError);
  expect((wrong as AuthenticationError).reason).toBe('API_KEY_INVALID');
});

test('a key without the scope: PermissionDeniedError (403) naming it; the key with it: 200', async () => {
  const admin = platformClient({ baseUrl: keyed.baseUrl, apiKey: KEYS.admin });
  const product = await admin.products.create({ name: `Keyed ${uniqueTag()}`, price: 5, stock: 10 });
  const reader = platformClient({ baseUrl: keyed.baseUrl, apiKey: KEYS.reader });
  const error = await failureOf(reader.orders.create({ product_id: product.id, quantity: 1 }));
  expect(error).toBeInstanceOf(PermissionDeniedError);
  expect((error as PermissionDeniedError).problem).toMatchObject({
    type: `${PROBLEM_BASE}insufficient-scope`, status: 403, reason: 'INSUFFICIENT_SCOPE', code: 'PERMISSION_DENIED',
  });
  expect((error as PermissionDeniedError).problem?.detail).toContain('orders:write');
  const order = await admin.orders.create({ product_id: product.id, quantity: 1 });
  expect(await reader.orders.get(order.id)).toEqual(order);
  const { response } = await reader.orders.list({ product_id: product.id }).withResponse();
  expect(response.status).toBe(200);
});

test('open mode (no keys configured, as `npm start`): the SDK needs no apiKey for anything', async () => {
  const client = platformClient();
  const product = await client.products.create({ name: `Open ${uniqueTag()}`, price: 3 });
  const order = await client.orders.create({ product_id: product.id, quantity: 1 });
  expect((await client.orders.list({ product_id: product.id })).orders.map((o) => o.id)).toEqual([order.id]);
});

test('over the rate limit: RateLimitError (429) with Retry-After and the RateLimit headers', async () => {
  const client = platformClient({ baseUrl: limited.baseUrl, apiKey: KEYS.reader, maxRetries: 0 });
  for (let i = 0; i < 3; i++) await client.orders.list({ page_size: 1 });
  const error = await failureOf(client.orders.list({ page_size: 1 }));
  expect(error).toBeInstanceOf(RateLimitError);
  const limitedError = error as RateLimitError;
  expect(limitedError.problem).toMatchObject({ type: `${PROBLEM_BASE}rate-limited`, status: 429, reason: 'RATE_LIMITED' });
  expect(Number(limitedError.headers?.get('retry-after'))).toBeGreaterThan(0);
  expect(limitedError.headers?.get('ratelimit')).toMatch(/; r=0; t=\d+/);
  expect(limitedError.headers?.get('ratelimit-policy')).toMatch(/; q=3; w=60;/);
});
