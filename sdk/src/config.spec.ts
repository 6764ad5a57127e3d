// Configuration mistakes are reported as such, naming the option, instead of as connection errors
// after retries: at construction (client options) or at call time (per-call options), nothing sent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcommerceClient, type ClientOptions } from './client.js';
import { APIInvalidRequestError } from './errors.js';
import type { FetchLike } from './fetch.js';

/** A fetch that records calls and answers 200: a call that reaches it was sent. */
function recordingFetch(): { fetch: FetchLike; calls: string[] } {
  const calls: string[] = [];
  return { calls, fetch: async (url) => (calls.push(url), Response.json({ id: 'p1' })) };
}
const refused = (options: Partial<ClientOptions>, type: typeof TypeError | typeof RangeError, pattern: RegExp) =>
  assert.throws(() => new EcommerceClient({ baseUrl: 'http://127.0.0.1:8000', ...options }), (error: unknown) => {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });

describe('client options are checked at construction, naming the option', () => {
  it('baseUrl must be an absolute http(s) URL', () => {
    for (const baseUrl of ['127.0.0.1:8000', 'localhost:8000', '/api', 'htp://127.0.0.1:8000', 'ftp://host', 'http://', 'http://host/?x=1', 'http://host/#top']) {
      refused({ baseUrl }, TypeError, new RegExp(`baseUrl .*http.*; got ${JSON.stringify(baseUrl).replace(/[.?*/]/g, '\\$&')}`));
    }
    for (const baseUrl of ['http://127.0.0.1:8000', 'https://api.example.com/', 'http://host/prefix']) {
      assert.ok(new EcommerceClient({ baseUrl }));
    }
  });

  it('timeoutMs must be a number of ms in (0, 2^31 - 1]', () => {
    for (const timeoutMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) refused({ timeoutMs }, RangeError, /timeoutMs/);
    assert.ok(new EcommerceClient({ baseUrl: 'http://x', timeoutMs: 2 ** 31 - 1 }));
  });

  it('maxRetries must be an integer >= 0', () => {
    for (const maxRetries of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) refused({ maxRetries }, RangeError, /maxRetries/);
  });

  it('fetch must be a function; apiKey a valid header value', () => {
    refused({ fetch: 'fetch' as unknown as FetchLike }, TypeError, /fetch/);
    refused({ apiKey: 'sk_☕' }, TypeError, /apiKey/);
    refused({ apiKey: 'sk\r\nX-Evil: 1' }, TypeError, /apiKey/);
  });
});

describe('per-call options are checked before sending, naming the option', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['a requestId with non-Latin-1 characters', { requestId: 'checkout-☕' }, /requestId/],
    ['a requestId with a line break', { requestId: 'a\r\nX-Evil: 1' }, /requestId/],
    ['an idempotencyKey with non-Latin-1 characters', { idempotencyKey: '鍵' }, /idempotencyKey/],
    ['timeoutMs 0 (the constructor refuses it too)', { timeoutMs: 0 }, /timeoutMs/],
    ['a negative maxRetries', { maxRetries: -1 }, /maxRetries/],
  ];
  for (const [name, options, pattern] of cases) {
    it(`${name} -> APIInvalidRequestError, nothing sent, no retries`, async () => {
      const { fetch, calls } = recordingFetch();
      const client = new EcommerceClient({ baseUrl: 'http://127.0.0.1:8000', fetch });
      const started = performance.now();
      const error = await client.products.create({ name: 'Mug', price: 1 }, options).catch((e: unknown) => e);
      assert.ok(error instanceof APIInvalidRequestError, `got ${String(error)}`);
      assert.match(error.message, pattern);
      assert.deepEqual(calls, []);
      assert.ok(performance.now() - started < 300, 'answered at once, without backoff');
    });
  }
});
